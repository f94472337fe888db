package io.mailferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailferry.m365.GraphStandIn;
import io.mailferry.mailbox.XOAuth2SignIn;
import io.mailferry.rig.DnsTxt;
import io.mailferry.rig.ExchangeOnlineRig;
import io.mailferry.rig.Microsoft365Rig;
import jakarta.mail.FetchProfile;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mailferry as a production node has to live through (issue 9), with real servers on this machine: the jar runs as
 * separate processes on a PostgreSQL started by {@code src/test/postgresql/start-postgresql.sh}, and migrates 50
 * mailboxes with real content between the two Dovecot servers of {@code src/test/dovecot/start-dovecot.sh}
 * (the demo's directory, DNS and SMTP stand-ins run in the first node).
 *
 * <ul>
 *   <li><b>Two nodes, one killed.</b> Both nodes start together (the schema is created once) and share the initial
 *       sync; the second is killed with SIGKILL in the middle of it. The cutover must end on the first node with no
 *       incident, every message on the target exactly once, and no "deadlock detected" in any log.
 *   <li><b>Restart.</b> One node of the production profile — persistent by default: H2 and the master key in files
 *       under its data directory — is stopped in the middle of the initial sync and started again; the cutover
 *       continues and ends the same way, through step 7's licences and the welcome messages. Its Microsoft 365 is the
 *       offline rig (issue 11): the token server and the Graph stand-in in this JVM, which outlive the node as a
 *       tenant does, and the XOAUTH2 Dovecot as Exchange Online. It talks TLS to the source Dovecot and uses the
 *       demo's directory, DNS and SMTP stand-ins, run by a demo node of their own.
 * </ul>
 *
 * Run by {@code mvn -Pcluster-tests test} after {@code mvn package} (it needs {@code target/mailferry.jar}); it fails,
 * not skips, when the POSTGRES_* or DOVECOT_* variables are missing.
 */
@Tag("cluster")
class ClusterTest {
    private static final int MAILBOXES = 50;
    private static final List<String> FOLDERS = List.of("INBOX", "Archive", "Projects");
    private static final int MESSAGES_PER_FOLDER = 12;
    private static final Duration CUTOVER_TIMEOUT = Duration.ofMinutes(15);
    private static final String ADMIN_PASSWORD = "Restart-Test-Admin-1";
    private static final String TRUST_STORE_PASSWORD = "dovecot-trust";
    private static final String STEP_7 = "CallActivity_LicencesAndDecommissioning";
    private static final String SKU = "EXCHANGESTANDARD";
    /**
     * A production node waits the seeds' 72 hours after the MX change; the operator ends the wait with a reason, as
     * the form allows (the records are in the stand-in's zone, which has no caches to wait for).
     */
    private static final Map<String, Map<String, String>> PRODUCTION_WAITS = Map.of(
            "Task_WaitForMxPropagation",
            Map.of("earlyCompletionReason", "Test zone without caches: the MX change is visible at once"));

    @TempDir
    Path dir;

    private final List<Process> nodes = new ArrayList<>();
    /** Microsoft 365 for the restart test: it outlives the node, as a tenant does. */
    private ExchangeOnlineRig rig;

    private GraphStandIn graph;

    @BeforeEach
    void freshServers() throws Exception {
        resetDatabase();
        for (int i = 1; i <= MAILBOXES; i++) {
            String user = user(i);
            empty(sourcePort(), user);
            empty(targetPort(), user);
            seed(user, i);
        }
    }

    @AfterEach
    void stopNodes() throws Exception {
        for (Process node : nodes) {
            node.destroyForcibly().waitFor();
        }
        if (graph != null) {
            graph.close();
        }
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void aCutoverEndsOnTheOtherNodeWhenOneIsKilledDuringTheInitialSync() throws Exception {
        Path logA = dir.resolve("node-a.log");
        Path logB = dir.resolve("node-b.log");
        // started together: both check and create the schema at the same time
        Process a = start(logA, postgresql(), 8080, List.of());
        Process b = start(logB, postgresql(), 8081, List.of("--mailferry.demo.join=true"));
        awaitStarted(a, logA);
        awaitStarted(b, logB);

        DemoOperator operator = new DemoOperator(8080);
        boolean[] killed = {false};
        runCutover(operator, () -> {
            if (!killed[0] && slices(logB) >= 2) {
                b.destroyForcibly(); // SIGKILL: no shutdown hook, its jobs and leases stay behind
                killed[0] = true;
            }
        });

        assertThat(killed[0])
                .as("the second node ran sync slices before the initial sync ended, and was killed")
                .isTrue();
        assertThat(slices(logA)).as("the first node synced too").isPositive();
        assertEveryMessageOnTheTargetExactlyOnce(user -> login(targetPort(), user));
        assertThat(incidents(operator)).as("incidents in the history").isZero();
        for (Path log : List.of(logA, logB, Path.of(env("POSTGRES_DIR"), "postgresql.log"))) {
            assertThat(Files.readString(log)).as(log.toString()).doesNotContain("deadlock detected");
        }
    }

    @Test
    void aProductionNodeContinuesItsCutoverAfterItIsStoppedAndStartedAgain() throws Exception {
        // The organisation's directory, DNS zone and SMTP relay: the demo's stand-ins, in a demo node of their own.
        Path standInsLog = dir.resolve("stand-ins.log");
        awaitStarted(start(standInsLog, Map.of(), 8081, List.of()), standInsLog);
        // Microsoft 365: Graph looks the verification TXT up in the stand-ins' zone
        rig = ExchangeOnlineRig.start(Duration.ofHours(1));
        graph = Microsoft365RigNode.graphStandIn(rig, dir, MAILBOXES, new DnsTxt("127.0.0.1:10053"));
        for (int i = 1; i <= MAILBOXES; i++) {
            try (IMAPStore store = exchangeOnline(user(i))) {
                empty(store);
            }
        }

        Path firstLog = dir.resolve("first-run.log");
        Process first = startProduction(firstLog);
        awaitStarted(first, firstLog);
        assertThat(Files.readString(firstLog)).contains("The following 1 profile is active: \"production\"");
        DemoOperator operator = new DemoOperator(8080, "admin", ADMIN_PASSWORD);
        String instance = operator.start("CutoverMigration", "contoso.com", Map.of("domain", "contoso.com"));
        submitUntil(operator, () -> slices(firstLog) >= 1);
        assertThat(graph.calls().stream().filter("POST /users"::equals).count())
                .as("step 4 created the users in Microsoft 365 before the first slice")
                .isEqualTo(MAILBOXES);
        first.destroy(); // SIGTERM, as a deploy or a reboot does
        assertThat(first.waitFor(60, java.util.concurrent.TimeUnit.SECONDS))
                .as("stopped within a minute")
                .isTrue();
        int copiedBefore = targetMessages(this::exchangeOnline);
        assertThat(copiedBefore)
                .as("part of the initial sync was done")
                .isPositive()
                .isLessThan(MAILBOXES * FOLDERS.size() * MESSAGES_PER_FOLDER);
        assertThat(dir.resolve("data/mailferry.mv.db"))
                .as("the default of the production profile: H2 in a file under the data directory")
                .exists();

        Path secondLog = dir.resolve("second-run.log");
        Process second = startProduction(secondLog);
        awaitStarted(second, secondLog);
        drive(operator, instance, () -> {}, PRODUCTION_WAITS, () -> false);

        assertEveryMessageOnTheTargetExactlyOnce(this::exchangeOnline);
        assertThat(incidents(operator)).as("incidents in the history").isZero();
        for (String step : List.of(
                "CallActivity_ReviewInitialSync",
                "CallActivity_SwitchMailRouting",
                STEP_7,
                "EndEvent_CutoverCompleted")) {
            assertThat(reached(operator, instance, step)).as(step).isTrue();
        }
        // step 7 licensed, in the tenant that outlived the node, the users step 4 created before the restart
        for (int i = 1; i <= MAILBOXES; i++) {
            assertThat(graph.user(user(i))
                            .orElseThrow()
                            .path("assignedLicenses")
                            .size())
                    .as(user(i) + " licensed")
                    .isEqualTo(1);
        }
        assertThat(graph.calls().stream().filter("POST /users"::equals).count())
                .as("no user created twice")
                .isEqualTo(MAILBOXES);
        assertThat(Files.readString(secondLog))
                .as("the final sync ran on the restarted node")
                .contains("FINAL slice of");
        assertThat(Files.readString(secondLog))
                .as("the second run kept the first run's master key")
                .doesNotContain("Created a new master key");
    }

    // ---------------------------------------------------------------------------------------------------------

    private void runCutover(DemoOperator operator, Runnable eachRound) throws Exception {
        String instance = operator.start("CutoverMigration", "contoso.com", Map.of("domain", "contoso.com"));
        drive(operator, instance, eachRound);
    }

    /** Submits every task with its form's defaults until the cutover ends, as an operator clicking "Complete". */
    private static void drive(DemoOperator operator, String instance, Runnable eachRound) throws Exception {
        drive(operator, instance, eachRound, Map.of(), () -> false);
    }

    /**
     * As above, adding {@code answers} (by task definition key) to what the forms hold by default, until the cutover
     * ended or {@code done} holds.
     */
    private static void drive(
            DemoOperator operator,
            String instance,
            Runnable eachRound,
            Map<String, Map<String, String>> answers,
            java.util.function.BooleanSupplier done)
            throws Exception {
        Instant started = Instant.now();
        List<String> submitted = new ArrayList<>();
        while (!operator.ended(instance) && !done.getAsBoolean()) {
            if (Duration.between(started, Instant.now()).compareTo(CUTOVER_TIMEOUT) > 0) {
                fail("The cutover did not end within " + CUTOVER_TIMEOUT + "; tasks submitted: " + submitted
                        + "; incidents: " + operator.incidents());
            }
            assertThat(operator.incidents()).as("incidents").isEmpty();
            eachRound.run();
            for (JsonNode task : operator.tasks("contoso.com")) {
                String key = task.get("taskDefinitionKey").asText();
                assertThat(key).as("no mailbox may need the operator").isNotEqualTo("Task_ResolveMailboxProblem");
                var values = operator.formDefaults(task.get("id").asText());
                answers.getOrDefault(key, Map.of())
                        .forEach((name, value) ->
                                values.putObject(name).put("value", value).put("type", "String"));
                operator.submit(task, values);
                submitted.add(key);
            }
            Thread.sleep(500);
        }
        System.out.println("Cutover ended or stopped after "
                + Duration.between(started, Instant.now()).toSeconds() + " s; tasks submitted: " + submitted);
    }

    /** Submits tasks until {@code done} holds (checked between rounds), at most the cutover's timeout. */
    private void submitUntil(DemoOperator operator, java.util.function.BooleanSupplier done) throws Exception {
        Instant started = Instant.now();
        while (!done.getAsBoolean()) {
            if (Duration.between(started, Instant.now()).compareTo(CUTOVER_TIMEOUT) > 0) {
                fail("The initial sync did not start within " + CUTOVER_TIMEOUT);
            }
            for (JsonNode task : operator.tasks("contoso.com")) {
                var values = operator.formDefaults(task.get("id").asText());
                String key = task.get("taskDefinitionKey").asText();
                if (key.equals("Task_ConnectMicrosoft365")) {
                    // a production node's tenant has no users to suggest one from
                    values.putObject("m365TestMailbox")
                            .put("value", "user01@contoso.com")
                            .put("type", "String");
                } else if (key.equals("Task_CreateSecurityGroupsInExchange")) {
                    // the administrator runs the commands the task shows, in Exchange Online PowerShell
                    for (String group : values.path("securityGroupNames")
                            .path("value")
                            .asText()
                            .split(",")) {
                        graph.newDistributionGroup(group.strip());
                    }
                }
                operator.submit(task, values);
            }
            Thread.sleep(300);
        }
    }

    private Process start(Path log, Map<String, String> environment, int port, List<String> extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m",
                "-jar",
                jar().toString(),
                "--server.port=" + port,
                // the database outlives the node, so the key does too; one file for both nodes
                "--mailferry.secrets.master-key-file=" + dir.resolve("master.key"),
                "--mailferry.demo.mailboxes=" + MAILBOXES,
                "--mailferry.demo.password=" + env("DOVECOT_PASSWORD"),
                "--mailferry.source.port=" + sourcePort(),
                "--mailferry.target.port=" + targetPort(),
                // the endpoint test signs in as a user Dovecot knows
                "--mailferry.source.admin-user=user01@contoso.com",
                "--mailferry.target.admin-user=user01@contoso.com",
                "--mailferry.timers.mx-propagation-wait=PT8S",
                "--mailferry.demo.dns.mx-ttl=5",
                "--mailferry.timers.delta-sync-interval=PT20S",
                "--mailferry.timers.sync-status-poll=PT2S",
                "--mailferry.timers.domain-recheck-interval=PT1S",
                "--mailferry.timers.routing-recheck-interval=PT1S",
                "--mailferry.sync.slice-budget=PT4S",
                // a dead node's jobs come back after 20 s, its mailboxes after 30 s (1.5 x the lock)
                "--camunda.bpm.job-execution.lock-time-in-millis=20000",
                "--camunda.bpm.job-execution.wait-time-in-millis=200",
                "--camunda.bpm.job-execution.max-wait=1000"));
        command.addAll(extra);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process node = builder.start();
        nodes.add(node);
        return node;
    }

    /**
     * A node with {@code --spring.profiles.active=production} and nothing of the demo: its database and master key in
     * files under its data directory (the profile's defaults), TLS (STARTTLS) to the source Dovecot with its
     * self-signed certificate in the JVM's trust store, Dovecot's master user for proxy logins, the Microsoft 365 rig
     * (XOAUTH2 to Exchange Online), and the stand-ins node's directory, DNS server and SMTP relay.
     */
    private Process startProduction(Path log) throws Exception {
        Path trustStore = dovecotTrustStore();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m",
                "-Djavax.net.ssl.trustStore=" + trustStore,
                "-Djavax.net.ssl.trustStorePassword=" + TRUST_STORE_PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-jar",
                jar().toString(),
                "--spring.profiles.active=production",
                "--server.port=8080",
                "--mailferry.data-dir=" + dir.resolve("data"),
                "--camunda.bpm.admin-user.id=admin",
                "--camunda.bpm.admin-user.password=" + ADMIN_PASSWORD,
                "--mailferry.source.host=127.0.0.1",
                "--mailferry.source.port=" + sourcePort(),
                "--mailferry.source.security=STARTTLS",
                "--mailferry.source.admin-user=" + env("DOVECOT_MASTER_USER"),
                "--mailferry.source.password=" + env("DOVECOT_MASTER_PASSWORD"),
                "--mailferry.directory.url=ldap://127.0.0.1:3389",
                "--mailferry.directory.bind-dn=cn=admin,dc=contoso,dc=com",
                "--mailferry.directory.bind-password=" + env("DOVECOT_PASSWORD"),
                "--mailferry.directory.base-dn=dc=contoso,dc=com",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=3025",
                "--mailferry.notify.operators=migration-team@contoso.com",
                "--mailferry.notify.after-cutover-relay=127.0.0.1:4025",
                // the stand-ins' directory and SMTP relay speak plaintext: allowed one by one, as production demands
                "--mailferry.directory.allow-plaintext=true",
                "--mailferry.notify.allow-plaintext=true",
                "--mailferry.notify.after-cutover-relay-allow-plaintext=true",
                "--mailferry.dns.resolvers=127.0.0.1:10053",
                "--mailferry.dns.nameserver-port=10053",
                "--mailferry.dns.update.server=127.0.0.1:10053",
                "--mailferry.timers.sync-status-poll=PT2S",
                "--mailferry.timers.domain-recheck-interval=PT1S",
                "--mailferry.timers.routing-recheck-interval=PT1S",
                "--mailferry.sync.slice-budget=PT4S",
                // one mailbox at a time, stopped after the first slice, so that the node is stopped in the middle of
                // the initial sync even on an idle machine: with two at a time and three slices, an idle CI machine
                // copied all 1,800 messages into the XOAUTH2 target before the stop took effect
                "--mailferry.sync.max-mailboxes-per-endpoint=1",
                // the jobs and mailbox leases of the stopped run come back after 20 and 30 s, not 5 and 7.5 min
                "--camunda.bpm.job-execution.lock-time-in-millis=20000",
                "--camunda.bpm.job-execution.wait-time-in-millis=200",
                "--camunda.bpm.job-execution.max-wait=1000"));
        // Microsoft 365: the rig, as Microsoft365Rig prints its settings
        command.addAll(Microsoft365Rig.settings(rig, graph.url(), rig.trustFile(dir), SKU));
        Process node = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        nodes.add(node);
        return node;
    }

    /** Dovecot's self-signed certificate as the only entry of a PKCS #12 trust store. */
    private Path dovecotTrustStore() throws Exception {
        Path file = dir.resolve("dovecot-trust.p12");
        if (!Files.exists(file)) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            try (var in = Files.newInputStream(Path.of(env("DOVECOT_TLS_CERT")))) {
                trust.setCertificateEntry(
                        "dovecot", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            try (var out = Files.newOutputStream(file)) {
                trust.store(out, TRUST_STORE_PASSWORD.toCharArray());
            }
        }
        return file;
    }

    private static Map<String, String> postgresql() {
        return Map.of(
                "SPRING_DATASOURCE_URL", env("POSTGRES_URL"),
                "SPRING_DATASOURCE_USERNAME", env("POSTGRES_USER"),
                "SPRING_DATASOURCE_PASSWORD", env("POSTGRES_PASSWORD"));
    }

    private static void awaitStarted(Process node, Path log) throws Exception {
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(giveUp)) {
            if (!node.isAlive()) {
                fail("The node exited with " + node.exitValue() + ":\n" + tail(log));
            }
            if (Files.exists(log) && Files.readString(log).contains("Started MailferryApplication")) {
                return;
            }
            Thread.sleep(500);
        }
        fail("The node did not start within 4 minutes:\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static long slices(Path log) {
        try {
            return Files.readAllLines(log).stream()
                    .filter(l -> l.contains("INITIAL slice of"))
                    .count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static Path jar() {
        Path jar = Path.of("target", "mailferry.jar").toAbsolutePath();
        assertThat(jar).as("built by mvn package before the cluster tests").exists();
        return jar;
    }

    // --------------------------------------------------------------------------------------------- servers

    private static void resetDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(
                        env("POSTGRES_URL"), env("POSTGRES_USER"), env("POSTGRES_PASSWORD"));
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
    }

    /** Whether the cutover has begun {@code activityId} (Camunda's history). */
    private static boolean reached(DemoOperator operator, String instance, String activityId) {
        return operator.rest()
                        .getForObject(
                                "/engine-rest/history/activity-instance/count?processInstanceId=" + instance
                                        + "&activityId=" + activityId,
                                JsonNode.class)
                        .get("count")
                        .asLong()
                > 0;
    }

    /** Every incident the engine ever raised, resolved or not (Camunda's history). */
    private static long incidents(DemoOperator operator) {
        return operator.rest()
                .getForObject("/engine-rest/history/incident/count", JsonNode.class)
                .get("count")
                .asLong();
    }

    private static String user(int i) {
        return String.format("user%02d@contoso.com", i);
    }

    private static int sourcePort() {
        return Integer.parseInt(env("DOVECOT_SOURCE_PORT"));
    }

    private static int targetPort() {
        return Integer.parseInt(env("DOVECOT_TARGET_PORT"));
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run src/test/postgresql/start-postgresql.sh and"
                    + " src/test/dovecot/start-dovecot.sh and source their env files (as .ci/run does)");
        }
        return value;
    }

    private static IMAPStore login(int port, String user) throws Exception {
        Properties p = new Properties();
        p.put("mail.imap.connectiontimeout", "10000");
        p.put("mail.imap.timeout", "60000");
        IMAPStore store = (IMAPStore) Session.getInstance(p).getStore("imap");
        store.connect("127.0.0.1", port, user, env("DOVECOT_PASSWORD"));
        return store;
    }

    private static void empty(int port, String user) throws Exception {
        try (IMAPStore store = login(port, user)) {
            empty(store);
        }
    }

    private static void empty(IMAPStore store) throws Exception {
        for (Folder folder : store.getDefaultFolder().list("*")) {
            if (!folder.getFullName().equalsIgnoreCase("INBOX")) {
                folder.delete(true);
            }
        }
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        for (Message m : inbox.getMessages()) {
            m.setFlag(Flags.Flag.DELETED, true);
        }
        inbox.close(true);
    }

    /** Real content: three folders, text of 2 to 9 KiB and every seventh message with a 200 KiB attachment. */
    private static void seed(String user, int n) throws Exception {
        Session session = Session.getInstance(new Properties());
        try (IMAPStore store = login(sourcePort(), user)) {
            for (String name : FOLDERS) {
                Folder folder = store.getFolder(name);
                if (!folder.exists()) {
                    folder.create(Folder.HOLDS_MESSAGES);
                }
                List<Message> batch = new ArrayList<>();
                for (int i = 0; i < MESSAGES_PER_FOLDER; i++) {
                    batch.add(message(session, user, n, name, i));
                }
                folder.appendMessages(batch.toArray(Message[]::new));
            }
        }
    }

    private static MimeMessage message(Session session, String user, int n, String folder, int i) throws Exception {
        String id = "<c" + n + "-" + folder.toLowerCase() + "-" + i + "@cluster.test>";
        StringBuilder raw = new StringBuilder()
                .append("Message-ID: ")
                .append(id)
                .append("\r\nFrom: colleague")
                .append(i)
                .append("@contoso.com\r\nTo: ")
                .append(user)
                .append("\r\nSubject: ")
                .append(folder)
                .append(" message ")
                .append(i)
                .append("\r\nDate: Mon, 2 Mar 2026 09:")
                .append(String.format("%02d", i))
                .append(":00 +0000\r\nMIME-Version: 1.0\r\n");
        String text = ("Line " + i + " of the cluster test, mailbox " + n + ".\r\n").repeat(40 + (i * 37 % 200));
        if (i % 7 == 0) {
            String attachment = java.util.Base64.getMimeEncoder()
                    .encodeToString(new byte[200 * 1024 + n])
                    .replace("\n", "\r\n");
            raw.append("Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n")
                    .append("Content-Type: text/plain\r\n\r\n")
                    .append(text)
                    .append("\r\n--b\r\nContent-Type: application/octet-stream; name=\"a.bin\"\r\n")
                    .append("Content-Transfer-Encoding: base64\r\n\r\n")
                    .append(attachment)
                    .append("\r\n--b--\r\n");
        } else {
            raw.append("Content-Type: text/plain\r\n\r\n").append(text);
        }
        return new MimeMessage(session, new ByteArrayInputStream(raw.toString().getBytes(StandardCharsets.US_ASCII)));
    }

    /** Signs in to a user's mailbox somewhere. */
    private interface Mailboxes {
        IMAPStore open(String user) throws Exception;
    }

    /** The user's mailbox in "Exchange Online", with the app's XOAUTH2 token. */
    private IMAPStore exchangeOnline(String user) {
        return XOAuth2SignIn.open(rig.imapAccess(), user, Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    private static Map<String, List<String>> messageIds(int port, String user) throws Exception {
        return messageIds(u -> login(port, u), user);
    }

    private static Map<String, List<String>> messageIds(Mailboxes mailboxes, String user) throws Exception {
        Map<String, List<String>> byFolder = new TreeMap<>();
        try (IMAPStore store = mailboxes.open(user)) {
            for (String name : FOLDERS) {
                Folder folder = store.getFolder(name);
                List<String> ids = new ArrayList<>();
                if (folder.exists()) {
                    folder.open(Folder.READ_ONLY);
                    Message[] messages = folder.getMessages();
                    FetchProfile envelope = new FetchProfile();
                    envelope.add(FetchProfile.Item.ENVELOPE);
                    folder.fetch(messages, envelope);
                    for (Message m : messages) {
                        ids.add(((MimeMessage) m).getMessageID());
                    }
                    folder.close(false);
                }
                ids.sort(null);
                byFolder.put(name, ids);
            }
        }
        return byFolder;
    }

    private static int targetMessages(Mailboxes target) throws Exception {
        int total = 0;
        for (int i = 1; i <= MAILBOXES; i++) {
            total += messageIds(target, user(i)).values().stream()
                    .mapToInt(List::size)
                    .sum();
        }
        return total;
    }

    private static void assertEveryMessageOnTheTargetExactlyOnce(Mailboxes target) throws Exception {
        int total = 0;
        for (int i = 1; i <= MAILBOXES; i++) {
            Map<String, List<String>> source = messageIds(sourcePort(), user(i));
            assertThat(messageIds(target, user(i)))
                    .as(user(i) + ": the same messages in the same folders, each once")
                    .isEqualTo(source);
            total += source.values().stream().mapToInt(List::size).sum();
        }
        assertThat(total).isEqualTo(MAILBOXES * FOLDERS.size() * MESSAGES_PER_FOLDER);
    }
}
