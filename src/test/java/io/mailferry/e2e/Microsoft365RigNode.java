package io.mailferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.mailferry.MailferryApplication;
import io.mailferry.demo.DemoDirectory;
import io.mailferry.demo.DemoProperties;
import io.mailferry.m365.AppTokenCheck;
import io.mailferry.m365.GraphStandIn;
import io.mailferry.m365.GraphTenant;
import io.mailferry.mailbox.XOAuth2SignIn;
import io.mailferry.mailrouting.SwitchMailRoutingIds;
import io.mailferry.rig.DnsTxt;
import io.mailferry.rig.ExchangeOnlineRig;
import io.mailferry.rig.Microsoft365Rig;
import io.mailferry.secrets.Purpose;
import io.mailferry.secrets.SecretStore;
import io.mailferry.secrets.SecretStoreProperties;
import io.mailferry.tenant.InMemoryTenant;
import io.mailferry.tenant.Tenant;
import io.mailferry.tenantconnection.ConnectMicrosoft365Ids;
import io.mailferry.tenantconnection.TenantConnectionVariables;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Type;

/**
 * Issue 11, 7(c): a node of the production profile, with nothing of the demo in it, against the offline Microsoft 365
 * rig, for the runbooks to be driven through their forms. Entra ID is the rig's token server
 * ({@link ExchangeOnlineRig}, msal4j fetches the app's tokens from it over HTTPS), Microsoft Graph is
 * {@link GraphStandIn} (which checks each token against the token server's keys and looks the verification TXT up
 * in BIND9, as Microsoft looks it up in public DNS), Exchange Online is the XOAUTH2 Dovecot of start-dovecot.sh, the
 * on-premises Exchange is the source Dovecot (STARTTLS, proxy logins as the master user), DNS changes go to BIND9
 * signed with TSIG, the directory is an in-process LDAP and notices go to an in-process SMTP server.
 *
 * <p>For tests tagged {@code server}: BIND9_* and DOVECOT_* come from the servers' env files, and a missing one fails
 * the test. The mailboxes of {@code users} are emptied on both sides and seeded on the source first.
 */
final class Microsoft365RigNode implements AutoCloseable {
    static final String DOMAIN = "contoso.com";
    static final String INITIAL_DOMAIN = "contoso.onmicrosoft.com";
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "Rig-Admin-Pw-7c";
    static final String SKU = "EXCHANGESTANDARD";
    static final List<String> FOLDERS = List.of("INBOX", "Projects");
    static final int MESSAGES_PER_FOLDER = 4;
    private static final Pattern TSIG_SECRET = Pattern.compile("secret\\s+\"([^\"]+)\"");

    final ExchangeOnlineRig rig;
    final GraphStandIn graph;
    final List<String> users;
    /** The TXT values Graph's stand-in found in BIND9 each time it looked, in order. */
    final List<String> txtLookups;

    private final SSLContext previousDefault;
    private DemoDirectory directory;
    private GreenMail smtp;
    private ConfigurableApplicationContext node;

    private Microsoft365RigNode(
            ExchangeOnlineRig rig,
            GraphStandIn graph,
            List<String> txtLookups,
            List<String> users,
            SSLContext previous) {
        this.rig = rig;
        this.graph = graph;
        this.txtLookups = txtLookups;
        this.users = users;
        this.previousDefault = previous;
    }

    /**
     * Starts the rig with {@code licences} free units of the SKU, empties and seeds the mailboxes user01… up to
     * {@code mailboxes} (the directory's users), then the node with {@code extra} settings.
     */
    static Microsoft365RigNode start(Path dir, int mailboxes, int licences, List<String> extra) throws Exception {
        // the source Dovecot's certificate is trusted the way production trusts an Exchange server's: by the JVM
        SSLContext previous = SSLContext.getDefault();
        SSLContext.setDefault(trusting(Path.of(env("DOVECOT_TLS_CERT"))));
        List<String> users = new ArrayList<>();
        for (int i = 1; i <= mailboxes; i++) {
            users.add(String.format("user%02d@%s", i, DOMAIN));
        }
        ExchangeOnlineRig rig = null;
        Microsoft365RigNode started = null;
        try {
            for (String user : users) {
                emptySource(user);
            }
            rig = ExchangeOnlineRig.start(Duration.ofHours(1));
            List<String> lookups = Collections.synchronizedList(new ArrayList<>());
            GraphStandIn graph = graphStandIn(rig, dir, licences, name -> {
                List<String> found = new DnsTxt(env("BIND9_PRIMARY")).apply(name);
                lookups.addAll(found);
                return found;
            });
            started = new Microsoft365RigNode(rig, graph, lookups, users, previous);
            for (String user : users) {
                started.emptyTarget(user);
                seed(user);
            }
            started.directory = new DemoDirectory(new DemoProperties(
                    DOMAIN,
                    mailboxes,
                    env("DOVECOT_PASSWORD"),
                    new DemoProperties.MailServer(0, 0),
                    new DemoProperties.MailServer(0, 0),
                    new DemoProperties.Directory(0)));
            started.smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            started.smtp.start();
            List<String> arguments = started.arguments(dir, rig.trustFile(dir));
            arguments.addAll(extra);
            started.node = new SpringApplicationBuilder(MailferryApplication.class)
                    .profiles("production")
                    .run(arguments.toArray(String[]::new));
            return started;
        } catch (Exception | Error e) {
            if (started != null) {
                started.close();
            } else {
                if (rig != null) {
                    rig.close();
                }
                SSLContext.setDefault(previous);
            }
            throw e;
        }
    }

    ConfigurableApplicationContext context() {
        return node;
    }

    <T> T bean(Class<T> type) {
        return node.getBean(type);
    }

    /** The node's administrator at its REST APIs. */
    DemoOperator operator() {
        return new DemoOperator(
                Integer.parseInt(node.getEnvironment().getProperty("local.server.port")), ADMIN, ADMIN_PASSWORD);
    }

    @Override
    public void close() {
        if (node != null) {
            node.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (directory != null) {
            directory.destroy();
        }
        graph.close();
        rig.close();
        SSLContext.setDefault(previousDefault);
    }

    /** A production node's settings, as an operator's deployment script would give them; no demo value; the rig's
     * Microsoft 365 ones as Microsoft365Rig prints them. */
    private List<String> arguments(Path dir, Path trust) throws Exception {
        String database = "jdbc:h2:mem:m365-rig-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Path masterKey = dir.resolve("master.key");
        String tsigKeyName = "mailferry";
        String tsigSecretRef = storeTsigSecret(database, masterKey, tsigKeyName);
        String primary = env("BIND9_PRIMARY");
        List<String> arguments = new ArrayList<>(Microsoft365Rig.settings(rig, graph.url(), trust, SKU));
        arguments.addAll(List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--mailferry.data-dir=" + dir.resolve("data"),
                "--spring.datasource.url=" + database,
                "--mailferry.secrets.master-key-file=" + masterKey,
                "--camunda.bpm.admin-user.id=" + ADMIN,
                "--camunda.bpm.admin-user.password=" + ADMIN_PASSWORD,
                // on-premises Exchange: the source Dovecot, STARTTLS, its master user signs in for each mailbox
                "--mailferry.source.host=127.0.0.1",
                "--mailferry.source.port=" + env("DOVECOT_SOURCE_PORT"),
                "--mailferry.source.security=STARTTLS",
                "--mailferry.source.admin-user=" + env("DOVECOT_MASTER_USER"),
                "--mailferry.source.password=" + env("DOVECOT_MASTER_PASSWORD"),
                "--mailferry.source.login-mode=PROXY",
                "--mailferry.directory.url=" + directory.url(),
                "--mailferry.directory.allow-plaintext=true",
                "--mailferry.directory.bind-dn=" + directory.bindDn(),
                "--mailferry.directory.bind-password=" + env("DOVECOT_PASSWORD"),
                "--mailferry.directory.base-dn=" + directory.baseDn(),
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtp.getSmtp().getPort(),
                "--mailferry.notify.allow-plaintext=true",
                "--mailferry.notify.operators=migration-team@contoso.com",
                "--mailferry.notify.after-cutover-relay=127.0.0.1:"
                        + smtp.getSmtp().getPort(),
                "--mailferry.notify.after-cutover-relay-allow-plaintext=true",
                // contoso.com's DNS: BIND9, its NS (ns1.contoso.com = 127.0.0.1) on the primary's port, TSIG updates
                "--mailferry.dns.resolvers=" + primary,
                "--mailferry.dns.nameserver-port=" + primary.substring(primary.lastIndexOf(':') + 1),
                "--mailferry.dns.update.server=" + primary,
                "--mailferry.dns.update.tsig-key-name=" + tsigKeyName,
                "--mailferry.dns.update.tsig-secret-ref=" + tsigSecretRef,
                // short waits; the 72 hours after the MX change are ended early with a reason, as production allows
                "--mailferry.timers.domain-recheck-interval=PT1S",
                "--mailferry.timers.sync-status-poll=PT1S",
                "--mailferry.timers.routing-recheck-interval=PT1S",
                "--mailferry.sync.slice-budget=PT10S",
                "--camunda.bpm.job-execution.wait-time-in-millis=200",
                "--camunda.bpm.job-execution.max-wait=1000"));
        return arguments;
    }

    /** What the test does with a task before it is submitted with {@code values}: what an operator would type. */
    interface Answer {
        void fill(String key, JsonNode task, ObjectNode values) throws Exception;
    }

    /** A runbook driven to its end: its instance, the tasks submitted in order and how long it took. */
    record Run(String instance, List<String> submitted, Duration took) {}

    /**
     * Starts {@code processKey} for the domain as the node's administrator and submits each task that comes up with
     * its form's defaults as {@code answer} changed them, until the instance ends; fails on any incident, on any task
     * of {@code neverAsked}, or after {@code timeout}. The tenant must be Graph's, and the Microsoft 365 checks must
     * pass the first time.
     */
    Run runToTheEnd(String processKey, Duration timeout, List<String> neverAsked, Answer answer) throws Exception {
        // issue 11: with mailferry.m365.* set, the tenant is Microsoft Graph and nothing else
        assertThat(node.getBeansOfType(InMemoryTenant.class))
                .as("no in-memory tenant")
                .isEmpty();
        assertThat(node.getBean(Tenant.class)).isInstanceOf(GraphTenant.class);
        DemoOperator operator = operator();
        Instant started = Instant.now();
        String instance = operator.start(processKey, DOMAIN, Map.of("domain", DOMAIN));
        List<String> submitted = new ArrayList<>();
        while (!operator.ended(instance)) {
            if (Duration.between(started, Instant.now()).compareTo(timeout) > 0) {
                fail(processKey + " did not end within " + timeout + "; tasks submitted: " + submitted + "; open: "
                        + operator.tasks(DOMAIN) + "; Graph calls: " + graph.calls());
            }
            assertThat(operator.incidents()).as("incidents").isEmpty();
            for (JsonNode task : operator.tasks(DOMAIN)) {
                String key = task.get("taskDefinitionKey").asText();
                assertThat(key).as("a task that must not come up").isNotIn(neverAsked);
                ObjectNode values = operator.formDefaults(task.get("id").asText());
                if (key.equals(ConnectMicrosoft365Ids.TASK_CONNECT_MICROSOFT365)) {
                    assertThat(submitted)
                            .as("the checks passed the first time: " + variable(operator, task, "m365CheckResults"))
                            .doesNotContain(key);
                    text(values, TenantConnectionVariables.M365_TEST_MAILBOX, users.get(0));
                } else if (key.equals(SwitchMailRoutingIds.TASK_WAIT_FOR_MX_PROPAGATION)) {
                    // ended early with a reason, as production allows: nothing caches the rig's MX
                    text(
                            values,
                            "earlyCompletionReason",
                            "Test rig: the MX is served by the only authoritative server, nothing caches it");
                }
                answer.fill(key, task, values);
                operator.submit(task, values);
                submitted.add(key);
            }
            Thread.sleep(300);
        }
        Duration took = Duration.between(started, Instant.now());
        System.out.println(processKey + " against the Microsoft 365 rig: " + took.toMillis() + " ms; tasks submitted: "
                + submitted);
        assertThat(bean(HistoryService.class).createHistoricIncidentQuery().count())
                .as("no incident, resolved or not")
                .isZero();
        return new Run(instance, submitted, took);
    }

    // --- the runbook's forms -----------------------------------------------------------------------------------

    static void text(ObjectNode values, String name, String value) {
        values.putObject(name).put("value", value).put("type", "String");
    }

    /** The MX wait ended early with a reason, as production allows: nothing caches the rig's MX. */
    static void endMxWaitEarly(ObjectNode values) {
        text(
                values,
                "earlyCompletionReason",
                "Test rig: the MX is served by the only authoritative server, nothing caches it");
    }

    static String variable(DemoOperator operator, JsonNode task, String name) {
        JsonNode all = operator.rest()
                .getForObject("/engine-rest/task/" + task.get("id").asText() + "/variables", JsonNode.class);
        return all.path(name).path("value").asText("(none)");
    }

    /** The values {@code name} had anywhere under the root instance. */
    List<Object> values(String root, String name) {
        return bean(HistoryService.class).createHistoricVariableInstanceQuery().variableName(name).list().stream()
                .filter(v -> root.equals(v.getRootProcessInstanceId()))
                .map(HistoricVariableInstance::getValue)
                .toList();
    }

    static int indexOfFirst(List<String> calls, String prefix, String suffix) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).startsWith(prefix) && calls.get(i).endsWith(suffix)) {
                return i;
            }
        }
        return -1;
    }

    // --- DNS ---------------------------------------------------------------------------------------------------

    /** Stores the BIND9 key's secret as an operator does on /credentials.html, before the node starts. */
    private static String storeTsigSecret(String database, Path masterKey, String keyName) throws IOException {
        Matcher secret = TSIG_SECRET.matcher(Files.readString(Path.of(env("BIND9_KEY_FILE"))));
        assertThat(secret.find()).as("a secret in BIND9_KEY_FILE").isTrue();
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(database);
        ds.setUser("sa");
        ds.setPassword("");
        Flyway.configure().dataSource(ds).table("mf_flyway_history").load().migrate();
        SecretStore store = new SecretStore(new JdbcTemplate(ds), new SecretStoreProperties(masterKey.toString()));
        return store.store(
                Purpose.tsigKey(keyName), "BIND9 " + keyName, secret.group(1).toCharArray(), ADMIN);
    }

    /** The domain's TXT records in BIND9 now. */
    static List<String> bindTxt() {
        return new DnsTxt(env("BIND9_PRIMARY")).apply(DOMAIN);
    }

    /** The domain's MX hosts in BIND9 now. */
    static List<String> bindMx() {
        return new DnsTxt(env("BIND9_PRIMARY"))
                .lookup(DOMAIN, Type.MX).stream()
                        .map(r -> ((MXRecord) r).getTarget().toString(true))
                        .toList();
    }

    /**
     * Microsoft Graph for the rig's tenant {@code contoso.onmicrosoft.com}: {@code licences} free units of the SKU,
     * tokens checked against the rig's token server, the verification TXT looked up with {@code txt}.
     */
    static GraphStandIn graphStandIn(ExchangeOnlineRig rig, Path dir, int licences, Function<String, List<String>> txt)
            throws Exception {
        return new GraphStandIn(
                AppTokenCheck.fromJwks(rig.jwks(), rig.trust(), AppTokenCheck.graphAudiences()),
                INITIAL_DOMAIN,
                SKU,
                licences,
                txt,
                keyStore(dir));
    }

    private static Path keyStore(Path dir) throws IOException {
        Path file = dir.resolve("graph.p12");
        try (var in = Microsoft365RigNode.class.getResourceAsStream("/m365/server.p12")) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (var in = Files.newInputStream(certificate)) {
            store.setCertificateEntry(
                    "dovecot", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    // --- mailboxes ---------------------------------------------------------------------------------------------

    private static IMAPStore source(String user) throws Exception {
        Properties p = new Properties();
        p.put("mail.imap.connectiontimeout", "10000");
        p.put("mail.imap.timeout", "30000");
        p.put("mail.imap.peek", "true");
        IMAPStore store = (IMAPStore) Session.getInstance(p).getStore("imap");
        store.connect("127.0.0.1", Integer.parseInt(env("DOVECOT_SOURCE_PORT")), user, env("DOVECOT_PASSWORD"));
        return store;
    }

    private IMAPStore target(String user) {
        return XOAuth2SignIn.open(rig.imapAccess(), user, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    private static void emptySource(String user) throws Exception {
        try (IMAPStore store = source(user)) {
            empty(store);
        }
    }

    private void emptyTarget(String user) throws Exception {
        try (IMAPStore store = target(user)) {
            empty(store);
        }
    }

    private static void empty(IMAPStore store) throws Exception {
        for (Folder f : store.getDefaultFolder().list("*")) {
            if (f.getFullName().equalsIgnoreCase("INBOX")) {
                f.open(Folder.READ_WRITE);
                if (f.getMessageCount() > 0) {
                    f.setFlags(1, f.getMessageCount(), new Flags(Flags.Flag.DELETED), true);
                }
                f.close(true);
            }
        }
        for (Folder f : store.getDefaultFolder().list("*")) {
            if (!f.getFullName().equalsIgnoreCase("INBOX") && f.exists()) {
                f.delete(true);
            }
        }
    }

    private static void seed(String user) throws Exception {
        try (IMAPStore store = source(user)) {
            for (String name : FOLDERS) {
                Folder folder = store.getFolder(name);
                if (!folder.exists()) {
                    folder.create(Folder.HOLDS_MESSAGES);
                }
                List<Message> messages = new ArrayList<>();
                for (int i = 0; i < MESSAGES_PER_FOLDER; i++) {
                    messages.add(message(
                            "m365-" + i + "-" + name.toLowerCase() + "-" + user,
                            user,
                            name + " message " + i,
                            ("Migrated to Exchange Online by XOAUTH2, line " + i + ".\r\n").repeat(20)));
                }
                folder.appendMessages(messages.toArray(Message[]::new));
            }
        }
    }

    /** Mail that reaches {@code user}'s on-premises INBOX now, e.g. after the MX change. */
    static void deliverOnPremises(String user, String messageId, String subject) throws Exception {
        try (IMAPStore store = source(user)) {
            store.getFolder("INBOX").appendMessages(new Message[] {message(messageId, user, subject, "Late.\r\n")});
        }
    }

    private static Message message(String id, String user, String subject, String body) throws Exception {
        String raw = "Message-ID: <" + id + ">\r\nFrom: colleague@contoso.com\r\nTo: " + user + "\r\nSubject: "
                + subject + "\r\nDate: Mon, 2 Mar 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain\r\n\r\n" + body;
        return new MimeMessage(
                Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
    }

    static Map<String, List<String>> sourceMailbox(String user) throws Exception {
        try (IMAPStore store = source(user)) {
            return contents(store);
        }
    }

    /** The mailbox in "Exchange Online", read with the app's own XOAUTH2 token. */
    Map<String, List<String>> targetMailbox(String user) throws Exception {
        try (IMAPStore store = target(user)) {
            return contents(store);
        }
    }

    /** Each folder's Message-IDs, sorted, duplicates kept: "exactly once" is a list compare. */
    private static Map<String, List<String>> contents(IMAPStore store) throws Exception {
        Map<String, List<String>> folders = new TreeMap<>();
        for (Folder folder : store.getDefaultFolder().list("*")) {
            if ((folder.getType() & Folder.HOLDS_MESSAGES) == 0) {
                continue;
            }
            folder.open(Folder.READ_ONLY);
            List<String> ids = new ArrayList<>();
            for (Message m : folder.getMessages()) {
                String[] id = m.getHeader("Message-ID");
                ids.add(id == null ? "(none): " + m.getSubject() : id[0]);
            }
            folder.close(false);
            Collections.sort(ids);
            if (!ids.isEmpty()) {
                folders.put(folder.getFullName(), ids);
            }
        }
        return folders;
    }

    static String env(String name) {
        return ExchangeOnlineRig.required(name);
    }
}
