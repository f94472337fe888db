package io.mailferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.mailferry.MailferryApplication;
import io.mailferry.cutover.CutoverMigrationIds;
import io.mailferry.cutover.CutoverVariables;
import io.mailferry.demo.DemoDirectory;
import io.mailferry.demo.DemoProperties;
import io.mailferry.m365.AppTokenCheck;
import io.mailferry.m365.GraphStandIn;
import io.mailferry.m365.GraphTenant;
import io.mailferry.mailbox.XOAuth2SignIn;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Type;

/**
 * Issue 11, 7(c): a production-shaped cutover. The whole CutoverMigration in a node of the production profile, with
 * nothing of the demo in it, against the offline Microsoft 365 rig: Entra ID is the rig's token server
 * ({@link ExchangeOnlineRig}, msal4j fetches the app's tokens from it over HTTPS), Microsoft Graph is
 * {@link GraphStandIn} (which checks each token against the token server's keys and looks the verification TXT up
 * in BIND9, as Microsoft looks it up in public DNS), Exchange Online is the XOAUTH2 Dovecot of start-dovecot.sh, the
 * on-premises Exchange is the source Dovecot (STARTTLS, proxy logins as the master user), DNS changes go to BIND9
 * signed with TSIG, the directory is an in-process LDAP and notices go to an in-process SMTP server. The runbook is
 * driven over REST through its forms, as its administrator, to the end; the administrator's own part in Exchange
 * Online (New-DistributionGroup) is done on the Graph stand-in when the task shows the commands.
 *
 * <p>Tagged {@code server}: {@code mvn -Pserver-tests} (.ci/run) runs it with BIND9_* and DOVECOT_* from the servers'
 * env files, and a missing one fails it. The mailboxes user01..user03@contoso.com are emptied on both sides first.
 */
@Tag("server")
class Microsoft365CutoverServerTest {
    private static final String DOMAIN = "contoso.com";
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "Rig-Admin-Pw-7c";
    private static final String SKU = "EXCHANGESTANDARD";
    private static final int MAILBOXES = 3;
    private static final List<String> FOLDERS = List.of("INBOX", "Projects");
    private static final int MESSAGES_PER_FOLDER = 4;
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern TSIG_SECRET = Pattern.compile("secret\\s+\"([^\"]+)\"");

    static ExchangeOnlineRig rig;
    static GraphStandIn graph;
    static DemoDirectory directory;
    static GreenMail smtp;
    static ConfigurableApplicationContext node;
    static SSLContext previousDefault;
    static final List<String> txtLookups = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        // the source Dovecot's certificate is trusted the way production trusts an Exchange server's: by the JVM
        previousDefault = SSLContext.getDefault();
        SSLContext.setDefault(trusting(Path.of(env("DOVECOT_TLS_CERT"))));
        for (String user : users()) {
            emptySource(user);
        }
        rig = ExchangeOnlineRig.start(Duration.ofHours(1));
        Path trust = rig.trustFile(dir);
        graph = new GraphStandIn(
                AppTokenCheck.fromJwks(rig.jwks(), rig.trust(), AppTokenCheck.graphAudiences()),
                "contoso.onmicrosoft.com",
                SKU,
                MAILBOXES + 2,
                Microsoft365CutoverServerTest::txtInBind,
                keyStore(dir));
        for (String user : users()) {
            emptyTarget(user);
            seed(user);
        }
        directory = new DemoDirectory(new DemoProperties(
                DOMAIN,
                MAILBOXES,
                env("DOVECOT_PASSWORD"),
                new DemoProperties.MailServer(0, 0),
                new DemoProperties.MailServer(0, 0),
                new DemoProperties.Directory(0)));
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        node = new SpringApplicationBuilder(MailferryApplication.class)
                .profiles("production")
                .run(arguments(dir, trust).toArray(String[]::new));
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (directory != null) {
            directory.destroy();
        }
        if (graph != null) {
            graph.close();
        }
        if (rig != null) {
            rig.close();
        }
        if (previousDefault != null) {
            SSLContext.setDefault(previousDefault);
        }
    }

    /** A production node's settings, as an operator's deployment script would give them; no demo value; the rig's
     * Microsoft 365 ones as Microsoft365Rig prints them. */
    static List<String> arguments(Path dir, Path trust) throws Exception {
        String database = "jdbc:h2:mem:m365-cutover-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
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

    @Test
    void theWholeCutoverRunsAgainstTheRigAndEndsWithTheMailInExchangeOnline() throws Exception {
        assertThat(node.getBeansOfType(InMemoryTenant.class))
                .as("no in-memory tenant")
                .isEmpty();
        assertThat(node.getBean(Tenant.class)).isInstanceOf(GraphTenant.class);
        int port = Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
        DemoOperator operator = new DemoOperator(port, ADMIN, ADMIN_PASSWORD);

        Instant started = Instant.now();
        String instance = operator.start(CutoverMigrationIds.PROCESS, DOMAIN, Map.of("domain", DOMAIN));
        List<String> submitted = new ArrayList<>();
        List<String> groupsCreated = new ArrayList<>();
        while (!operator.ended(instance)) {
            if (Duration.between(started, Instant.now()).compareTo(TIMEOUT) > 0) {
                fail("The cutover did not end within " + TIMEOUT + "; tasks submitted: " + submitted + "; open: "
                        + operator.tasks(DOMAIN) + "; Graph calls: " + graph.calls());
            }
            assertThat(operator.incidents()).as("incidents").isEmpty();
            for (JsonNode task : operator.tasks(DOMAIN)) {
                String key = task.get("taskDefinitionKey").asText();
                assertThat(key).as("no mailbox may need the operator").isNotEqualTo("Task_ResolveMailboxProblem");
                assertThat(key).as("the DNS changes went through").isNotEqualTo("Task_ResolveDnsChangeFailure");
                ObjectNode values = operator.formDefaults(task.get("id").asText());
                switch (key) {
                    case ConnectMicrosoft365Ids.TASK_CONNECT_MICROSOFT365 -> {
                        assertThat(submitted)
                                .as("the checks passed the first time: " + variable(operator, task, "m365CheckResults"))
                                .doesNotContain(key);
                        text(values, TenantConnectionVariables.M365_TEST_MAILBOX, "user01@" + DOMAIN);
                    }
                    case CutoverMigrationIds.TASK_CHOOSE_SECURITY_GROUPS ->
                        text(values, CutoverVariables.SECURITY_GROUP_NAMES, "Finance, HR");
                    case CutoverMigrationIds.TASK_CREATE_SECURITY_GROUPS_IN_EXCHANGE -> {
                        // the administrator runs the commands the task shows, in Exchange Online PowerShell
                        for (String group : List.of("Finance", "HR")) {
                            graph.newDistributionGroup(group);
                            groupsCreated.add(group);
                        }
                        text(values, CutoverVariables.SECURITY_GROUP_NAMES, "Finance, HR");
                    }
                    case "Task_WaitForMxPropagation" ->
                        text(
                                values,
                                "earlyCompletionReason",
                                "Test rig: the MX is served by the only authoritative server, nothing caches it");
                    default -> {}
                }
                operator.submit(task, values);
                submitted.add(key);
            }
            Thread.sleep(300);
        }
        System.out.println("Production-shaped cutover against the Microsoft 365 rig: "
                + Duration.between(started, Instant.now()).toMillis() + " ms; tasks submitted: " + submitted);

        HistoryService history = node.getBean(HistoryService.class);
        assertThat(history.createHistoricActivityInstanceQuery()
                        .processInstanceId(instance)
                        .activityId("EndEvent_CutoverCompleted")
                        .count())
                .isEqualTo(1);
        assertThat(history.createHistoricIncidentQuery().count())
                .as("no incident, resolved or not")
                .isZero();
        assertThat(groupsCreated).as("the commands were shown").containsExactly("Finance", "HR");

        // every seeded message is in Exchange Online, in its folder, exactly once
        for (String user : users()) {
            Map<String, List<String>> source = sourceMailbox(user);
            assertThat(source.values().stream().mapToInt(List::size).sum())
                    .isEqualTo(FOLDERS.size() * MESSAGES_PER_FOLDER);
            assertThat(targetMailbox(user)).as(user + " in Exchange Online").isEqualTo(source);
        }

        // the MX is the host Microsoft 365 provisioned for the domain (Graph's serviceConfigurationRecords)
        String mx = graph.mxTarget(DOMAIN).orElseThrow();
        assertThat(mx).endsWith(".mx.microsoft");
        assertThat(bindMx()).containsExactly(mx);
        assertThat(values(history, instance, "routingStatus"))
                .as("what the routing check compared")
                .isNotEmpty()
                .allMatch(status -> String.valueOf(status).contains(mx));

        // the tenant's calls in the runbook's order
        List<String> calls = graph.calls();
        int added = calls.indexOf("POST /domains");
        int lastVerify = calls.lastIndexOf("POST /domains/" + DOMAIN + "/verify");
        int firstUser = calls.indexOf("POST /users");
        int firstLicence = indexOfFirst(calls, "POST /users/", "/assignLicense");
        assertThat(added).as("domain added: " + calls).isNotNegative();
        assertThat(lastVerify).as("verified after it was added: " + calls).isGreaterThan(added);
        assertThat(firstUser)
                .as("users created after the domain is verified: " + calls)
                .isGreaterThan(lastVerify);
        assertThat(firstLicence).as("licences after the users: " + calls).isGreaterThan(firstUser);
        assertThat(calls.stream().filter("POST /users"::equals).count()).isEqualTo(MAILBOXES);
        assertThat(calls.stream()
                        .filter(c -> c.startsWith("POST /users/") && c.endsWith("/assignLicense"))
                        .count())
                .isEqualTo(MAILBOXES);
        // Microsoft found the TXT in BIND9, where Mailferry had published it with TSIG
        assertThat(txtLookups).as("Graph's TXT lookups in BIND9").anyMatch(found -> found.startsWith("MS=ms"));
        assertThat(bindTxt()).anyMatch(txt -> txt.startsWith("MS=ms"));
        for (String user : users()) {
            JsonNode cloudUser = graph.user(user).orElseThrow();
            assertThat(cloudUser.path("assignedLicenses").size())
                    .as(user + " licensed")
                    .isEqualTo(1);
        }
    }

    // --- the runbook's forms -----------------------------------------------------------------------------------

    private static void text(ObjectNode values, String name, String value) {
        values.putObject(name).put("value", value).put("type", "String");
    }

    private static String variable(DemoOperator operator, JsonNode task, String name) {
        JsonNode all = operator.rest()
                .getForObject("/engine-rest/task/" + task.get("id").asText() + "/variables", JsonNode.class);
        return all.path(name).path("value").asText("(none)");
    }

    private static List<Object> values(HistoryService history, String root, String name) {
        return history.createHistoricVariableInstanceQuery().variableName(name).list().stream()
                .filter(v -> root.equals(v.getRootProcessInstanceId()))
                .map(HistoricVariableInstance::getValue)
                .toList();
    }

    private static int indexOfFirst(List<String> calls, String prefix, String suffix) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).startsWith(prefix) && calls.get(i).endsWith(suffix)) {
                return i;
            }
        }
        return -1;
    }

    // --- the rig's servers -------------------------------------------------------------------------------------

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

    /** What Microsoft sees when it looks the domain's TXT records up: BIND9's answer. */
    private static List<String> txtInBind(String name) {
        List<String> found = new DnsTxt(env("BIND9_PRIMARY")).apply(name);
        txtLookups.addAll(found);
        return found;
    }

    private static List<String> bindTxt() {
        return txtInBind(DOMAIN);
    }

    private static List<String> bindMx() {
        return new DnsTxt(env("BIND9_PRIMARY"))
                .lookup(DOMAIN, Type.MX).stream()
                        .map(r -> ((MXRecord) r).getTarget().toString(true))
                        .toList();
    }

    private static Path keyStore(Path dir) throws IOException {
        Path file = dir.resolve("graph.p12");
        try (var in = Microsoft365CutoverServerTest.class.getResourceAsStream("/m365/server.p12")) {
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

    private static List<String> users() {
        List<String> users = new ArrayList<>();
        for (int i = 1; i <= MAILBOXES; i++) {
            users.add(String.format("user%02d@%s", i, DOMAIN));
        }
        return users;
    }

    private static IMAPStore source(String user) throws Exception {
        Properties p = new Properties();
        p.put("mail.imap.connectiontimeout", "10000");
        p.put("mail.imap.timeout", "30000");
        p.put("mail.imap.peek", "true");
        IMAPStore store = (IMAPStore) Session.getInstance(p).getStore("imap");
        store.connect("127.0.0.1", Integer.parseInt(env("DOVECOT_SOURCE_PORT")), user, env("DOVECOT_PASSWORD"));
        return store;
    }

    private static IMAPStore target(String user) {
        return XOAuth2SignIn.open(rig.imapAccess(), user, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    private static void emptySource(String user) throws Exception {
        try (IMAPStore store = source(user)) {
            empty(store);
        }
    }

    private static void emptyTarget(String user) throws Exception {
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
        Session session = Session.getInstance(new Properties());
        try (IMAPStore store = source(user)) {
            for (String name : FOLDERS) {
                Folder folder = store.getFolder(name);
                if (!folder.exists()) {
                    folder.create(Folder.HOLDS_MESSAGES);
                }
                List<Message> messages = new ArrayList<>();
                for (int i = 0; i < MESSAGES_PER_FOLDER; i++) {
                    String raw = "Message-ID: <m365-" + i + "-" + name.toLowerCase() + "-" + user + ">\r\n"
                            + "From: colleague" + i + "@contoso.com\r\nTo: " + user + "\r\nSubject: " + name
                            + " message " + i + "\r\nDate: Mon, 2 Mar 2026 09:0" + i + ":00 +0000\r\n"
                            + "MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n"
                            + ("Migrated to Exchange Online by XOAUTH2, line " + i + ".\r\n").repeat(20);
                    messages.add(new MimeMessage(
                            session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII))));
                }
                folder.appendMessages(messages.toArray(Message[]::new));
            }
        }
    }

    private static Map<String, List<String>> sourceMailbox(String user) throws Exception {
        try (IMAPStore store = source(user)) {
            return contents(store);
        }
    }

    private static Map<String, List<String>> targetMailbox(String user) throws Exception {
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

    private static String env(String name) {
        return ExchangeOnlineRig.required(name);
    }
}
