package io.mailferry.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
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
 * first one's lock runs out) mail nobody twice; a claim left by a node that died expires.
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
                .hasMessageContaining("a claim expires after 10 min")
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
    void shouldSendANoticeWhoseClaimOutlivedItsNode() throws Exception {
        migrate(MigrationVersion.LATEST);
        Instant claimed = Instant.parse("2025-06-01T10:00:00Z");
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
        assertThat(smtp.getReceivedMessages()).isEmpty();

        NotificationService later = run(sender(smtp.getSmtp().getPort()), at(claimed.plus(Duration.ofMinutes(11))));
        assertThat(later.sendMigrationNotice("pi-2:migration-notice", DOMAIN, List.of(USER), "soon"))
                .isEqualTo(1);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(jdbc.queryForObject(
                        "SELECT status FROM mf_notice_claim WHERE notice_key = 'pi-2:migration-notice'", String.class))
                .isEqualTo("SENT");
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
