package io.mailferry.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * A notice is claimed before it is sent, so that two runs of the same job (the engine starts a second one once the
 * first one's lock runs out) mail nobody twice; a claim whose run never learnt or recorded whether the server took
 * the message is never sent again.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NoticeClaimsTest {
    private static final String DOMAIN = "contoso.com";
    private static final String USER = "user01@contoso.com";
    private static final NotifyProperties PROPERTIES = new NotifyProperties(null, null, null, null, false);

    private GreenMail smtp;
    private DataSource dataSource;
    private JdbcTemplate jdbc;
    private final ExecutorService runs = Executors.newFixedThreadPool(2);

    @BeforeEach
    void setUp() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:claims-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource = h2;
        jdbc = new JdbcTemplate(dataSource);
    }

    @AfterEach
    void tearDown() {
        runs.shutdownNow();
        smtp.stop();
    }

    private void migrate(MigrationVersion target) {
        Flyway.configure()
                .dataSource(dataSource)
                .table("mf_flyway_history")
                .target(target)
                .load()
                .migrate();
    }

    private NotificationService run(JavaMailSenderImpl sender, Clock clock) {
        return new NotificationService(sender, PROPERTIES, jdbc, new DataSourceTransactionManager(dataSource), clock);
    }

    private NotificationService run() {
        return run(sender(smtp.getSmtp().getPort()), Clock.systemUTC());
    }

    private static JavaMailSenderImpl sender(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        return sender;
    }

    @Test
    void shouldDeliverOneMessageWhenTwoRunsSendTheSameNoticeAtOnce() throws Exception {
        migrate(MigrationVersion.LATEST);
        int rounds = 10;
        for (int round = 0; round < rounds; round++) {
            String key = "pi-" + round + ":migration-notice";
            NotificationService first = run();
            NotificationService twin = run();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> outcomes = new ArrayList<>();
            for (NotificationService service : List.of(first, twin)) {
                outcomes.add(runs.submit(() -> {
                    start.await();
                    try {
                        return service.sendMigrationNotice(key, DOMAIN, List.of(USER), "soon");
                    } catch (NotificationException beingSent) {
                        assertThat(beingSent).hasMessageContaining("is being sent by another run");
                        return 0;
                    }
                }));
            }
            start.countDown();
            int told = 0;
            for (Future<Integer> outcome : outcomes) {
                told += outcome.get(30, TimeUnit.SECONDS);
            }

            assertThat(smtp.getReceivedMessages())
                    .as("round %d: one message per notice however the two runs interleave", round)
                    .hasSize(round + 1);
            assertThat(told).as("at least one run reports the notice sent").isPositive();
        }
    }

    @Test
    void shouldNotSendANoticeThatAnotherRunIsSendingNow() throws Exception {
        migrate(MigrationVersion.LATEST);
        StalledSender stalled = new StalledSender(smtp.getSmtp().getPort());
        NotificationService hung = run(stalled, Clock.systemUTC());
        Future<Integer> firstRun =
                runs.submit(() -> hung.sendMigrationNotice("pi-1:migration-notice", DOMAIN, List.of(USER), "soon"));
        assertThat(stalled.sending.await(20, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> run().sendMigrationNotice("pi-1:migration-notice", DOMAIN, List.of(USER), "soon"))
                .isInstanceOf(NotificationException.class)
                .hasMessageStartingWith("The migration notice to [" + USER + " (by ")
                .hasMessageContaining("is being sent by another run of the same job")
                .hasMessageContaining("older than 10 min")
                .hasMessageEndingWith("sent to 0 of 1");
        assertThat(smtp.getReceivedMessages()).isEmpty();

        stalled.resume.countDown();
        assertThat(firstRun.get(20, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(run().sendMigrationNotice("pi-1:migration-notice", DOMAIN, List.of(USER), "soon"))
                .as("the retry finds the notice sent")
                .isEqualTo(1);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void shouldNeverSendAgainANoticeWhoseRunDiedWhileSendingIt() throws Exception {
        migrate(MigrationVersion.LATEST);
        Instant claimed = Instant.parse("2025-06-01T10:00:00Z");
        // a node that died after the SMTP server accepted the message and before it could mark the claim sent
        jdbc.update(
                "INSERT INTO mf_notice_claim (notice_key, recipient, status, claimed_by, claimed_at_ms)"
                        + " VALUES (?, ?, 'SENDING', '4242@node-b/0badc0de', ?)",
                "pi-2:migration-notice",
                USER,
                claimed.toEpochMilli());

        NotificationService soonAfter = run(sender(smtp.getSmtp().getPort()), at(claimed.plus(Duration.ofMinutes(1))));
        assertThatThrownBy(() -> soonAfter.sendMigrationNotice("pi-2:migration-notice", DOMAIN, List.of(USER), "soon"))
                .isInstanceOf(NotificationException.class)
                .hasMessageContaining(USER + " (by 4242@node-b/0badc0de, claimed 60 s ago)");

        NotificationService later = run(sender(smtp.getSmtp().getPort()), at(claimed.plus(Duration.ofMinutes(11))));
        assertThat(later.sendMigrationNotice(
                        "pi-2:migration-notice", DOMAIN, List.of(USER, "user02@contoso.com"), "soon"))
                .as("counted as told, since it may have arrived")
                .isEqualTo(2);
        assertThat(smtp.getReceivedMessages())
                .as("only the owner nobody had claimed is mailed; the abandoned claim is never sent a second time")
                .extracting(m -> m.getAllRecipients()[0].toString())
                .containsExactly("user02@contoso.com");
    }

    @Test
    void shouldNotSendAgainAMessageTheServerMayHaveAcceptedBeforeItsAnswerWasLost() throws Exception {
        migrate(MigrationVersion.LATEST);
        try (AcceptsThenFallsSilent relay = new AcceptsThenFallsSilent()) {
            JavaMailSenderImpl toRelay = sender(relay.port());
            toRelay.getJavaMailProperties().put("mail.smtp.timeout", "1000");
            Instant now = Instant.now();

            int told =
                    run(toRelay, at(now)).sendMigrationNotice("pi-5:migration-notice", DOMAIN, List.of(USER), "soon");

            assertThat(relay.messagesTaken())
                    .as("the relay took the whole message, then said nothing")
                    .isEqualTo(1);
            assertThat(told).isEqualTo(1);
            assertThatThrownBy(() -> run(sender(smtp.getSmtp().getPort()), at(now.plus(Duration.ofMinutes(1))))
                            .sendMigrationNotice("pi-5:migration-notice", DOMAIN, List.of(USER), "soon"))
                    .as("a retry within the expiry is told another run holds it")
                    .isInstanceOf(NotificationException.class);
            assertThat(run(sender(smtp.getSmtp().getPort()), at(now.plus(Duration.ofMinutes(30))))
                            .sendMigrationNotice("pi-5:migration-notice", DOMAIN, List.of(USER), "soon"))
                    .isEqualTo(1);
            assertThat(smtp.getReceivedMessages()).as("never a second copy").isEmpty();
        }
    }

    @Test
    void shouldReleaseTheClaimWhenTheRelayRefusesSoARetrySendsAtOnce() throws Exception {
        migrate(MigrationVersion.LATEST);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        NotificationService relayDown = run(sender(closedPort), Clock.systemUTC());
        assertThatThrownBy(() -> relayDown.sendWelcome("pi-3:welcome", DOMAIN, List.of(USER)))
                .isInstanceOf(NotificationException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort);

        assertThat(run().sendWelcome("pi-3:welcome", DOMAIN, List.of(USER))).isEqualTo(1);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void shouldKeepNoticesSentBeforeClaimsExisted() throws Exception {
        migrate(MigrationVersion.fromVersion("4"));
        jdbc.update(
                "INSERT INTO mf_notice_sent (notice_key, recipient, sent_at) VALUES (?, ?, ?)",
                "pi-4:migration-notice",
                USER,
                Timestamp.from(Instant.now()));
        migrate(MigrationVersion.LATEST);

        int sent =
                run().sendMigrationNotice("pi-4:migration-notice", DOMAIN, List.of(USER, "user02@contoso.com"), "soon");

        assertThat(sent).isEqualTo(2);
        assertThat(smtp.getReceivedMessages())
                .extracting(m -> m.getAllRecipients()[0].toString())
                .containsExactly("user02@contoso.com");
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    /**
     * An SMTP server that takes a message (up to the final dot) and never answers it: the 250 that would have
     * accepted it is lost, as when the connection breaks at that moment.
     */
    private static final class AcceptsThenFallsSilent implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0);
        private final AtomicInteger taken = new AtomicInteger();
        private final Thread serving = new Thread(this::serve);

        AcceptsThenFallsSilent() throws Exception {
            serving.setDaemon(true);
            serving.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int messagesTaken() {
            return taken.get();
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket client = server.accept()) {
                    BufferedReader in = new BufferedReader(
                            new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                    Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII);
                    reply(out, "220 relay.contoso.com ESMTP");
                    boolean data = false;
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (data) {
                            if (line.equals(".")) {
                                taken.incrementAndGet();
                                Thread.sleep(3_000); // silent past the client's 1 s timeout
                                break;
                            }
                        } else if (line.startsWith("DATA")) {
                            data = true;
                            reply(out, "354 go ahead");
                        } else {
                            reply(out, "250 OK");
                        }
                    }
                } catch (Exception closed) {
                    // the test is over, or the client gave up
                }
            }
        }

        private static void reply(Writer out, String line) throws IOException {
            out.write(line + "\r\n");
            out.flush();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** Hangs in its first send until the test lets it go, like a run whose relay stalls mid-message. */
    private static final class StalledSender extends JavaMailSenderImpl {
        final CountDownLatch sending = new CountDownLatch(1);
        final CountDownLatch resume = new CountDownLatch(1);
        private final AtomicBoolean first = new AtomicBoolean(true);

        StalledSender(int port) {
            setHost("127.0.0.1");
            setPort(port);
        }

        @Override
        protected void doSend(MimeMessage[] messages, Object[] originals) {
            if (first.getAndSet(false)) {
                sending.countDown();
                try {
                    resume.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            super.doSend(messages, originals);
        }
    }
}
