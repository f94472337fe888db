package io.mailferry.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;

class NotificationServiceTest {
    private GreenMail smtp;
    private NotificationService service;
    private JdbcTemplate jdbc;
    private PlatformTransactionManager transactions;

    @BeforeEach
    void startSmtp() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:notices-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(dataSource)
                .table("mf_flyway_history")
                .load()
                .migrate();
        jdbc = new JdbcTemplate(dataSource);
        transactions = new DataSourceTransactionManager(dataSource);
        service = service(new NotifyProperties(null, null, null, null, false));
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    private NotificationService service(NotifyProperties properties) {
        return new NotificationService(sender(smtp.getSmtp().getPort()), properties, jdbc, transactions);
    }

    private static JavaMailSenderImpl sender(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
        return sender;
    }

    @Test
    void migrationNoticeReachesEachRecipientAlone() throws Exception {
        int sent = service.sendMigrationNotice(
                "pi-1:migration-notice",
                "contoso.com",
                List.of("user01@contoso.com", "user02@contoso.com"),
                "this weekend");

        assertThat(sent).isEqualTo(2);
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(2);
        for (MimeMessage message : received) {
            assertThat(message.getRecipients(Message.RecipientType.TO)).hasSize(1);
            assertThat(message.getFrom()[0].toString()).isEqualTo("migration@contoso.com");
            assertThat(message.getSubject()).contains("Microsoft 365").contains("this weekend");
            String body = GreenMailUtil.getBody(message);
            assertThat(body).contains("Deleted Items").contains("this weekend").contains("text/html");
        }
        assertThat(received)
                .extracting(m -> m.getRecipients(Message.RecipientType.TO)[0].toString())
                .containsExactlyInAnyOrder("user01@contoso.com", "user02@contoso.com");
    }

    @Test
    void welcomeTellsEachUserHowToSignIn() throws Exception {
        assertThat(service.sendWelcome("pi-1:welcome", "contoso.com", List.of("user03@contoso.com")))
                .isEqualTo(1);

        MimeMessage message = smtp.getReceivedMessages()[0];
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo("user03@contoso.com");
        assertThat(message.getSubject()).isEqualTo("Welcome to Microsoft 365");
        assertThat(GreenMailUtil.getBody(message))
                .contains("https://outlook.office.com")
                .contains("user03@contoso.com");
    }

    @Test
    void aRetryOfTheSameNoticeReachesOnlyThoseStillMissing() throws Exception {
        service.sendMigrationNotice(
                "pi-9:migration-notice", "contoso.com", List.of("user01@contoso.com", "user02@contoso.com"), "soon");

        int sent = service.sendMigrationNotice(
                "pi-9:migration-notice",
                "contoso.com",
                List.of("user01@contoso.com", "user02@contoso.com", "user03@contoso.com"),
                "soon");

        assertThat(sent).as("everyone in the list has the notice now").isEqualTo(3);
        assertThat(smtp.getReceivedMessages())
                .extracting(m -> m.getAllRecipients()[0].toString())
                .containsExactlyInAnyOrder("user01@contoso.com", "user02@contoso.com", "user03@contoso.com");
        service.sendMigrationNotice("pi-10:migration-notice", "contoso.com", List.of("user01@contoso.com"), "later");
        assertThat(smtp.getReceivedMessages())
                .as("another cutover's notice is a new sending")
                .hasSize(4);
    }

    /** A server that accepts connections and never says a word: the greeting an SMTP client waits for never comes. */
    private static ServerSocket silentServer(List<Socket> accepted) throws Exception {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(server.accept());
                }
            } catch (Exception closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    @Test
    // without SMTP timeouts the send waits for ever in a socket read no interrupt ends: fail instead of hanging
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aSilentRelayFailsTheSendingWithinTheTimeoutOnBothSenders() throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = silentServer(accepted)) {
            NotifyProperties properties = new NotifyProperties(
                    null, null, "127.0.0.1:" + silent.getLocalPort(), Duration.ofSeconds(1), false);
            NotificationService stalled =
                    new NotificationService(sender(silent.getLocalPort()), properties, jdbc, transactions);

            for (Runnable send : List.<Runnable>of(
                    () -> stalled.sendMigrationNotice("pi-4:notice", "contoso.com", List.of("a@contoso.com"), "soon"),
                    () -> stalled.sendWelcome("pi-4:welcome", "contoso.com", List.of("a@contoso.com")))) {
                long started = System.nanoTime();
                assertThatThrownBy(send::run)
                        .isInstanceOf(NotificationException.class)
                        .hasMessageContaining("127.0.0.1:" + silent.getLocalPort())
                        .hasMessageContaining("a@contoso.com");
                assertThat(Duration.ofNanos(System.nanoTime() - started))
                        .as("given up after the 1 s read timeout, not waiting for ever")
                        .isLessThan(Duration.ofSeconds(20));
            }
            assertThat(accepted).as("both senders reached the silent server").hasSize(2);
        }
    }

    @Test
    void aTimeoutThatIsNotPositiveIsRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> new NotifyProperties(null, null, null, Duration.ZERO, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mailferry.notify.smtp-timeout");
    }

    @Test
    void welcomeGoesThroughTheAfterCutoverRelayWhenOneIsConfigured() throws Exception {
        GreenMail cloud = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        cloud.start();
        try {
            NotificationService split = service(new NotifyProperties(
                    null, null, "127.0.0.1:" + cloud.getSmtp().getPort(), null, true));

            split.sendMigrationNotice("pi-2:migration-notice", "contoso.com", List.of("user01@contoso.com"), "soon");
            split.sendWelcome("pi-2:welcome", "contoso.com", List.of("user01@contoso.com"));

            assertThat(smtp.getReceivedMessages())
                    .extracting(MimeMessage::getSubject)
                    .noneMatch(s -> s.startsWith("Welcome"));
            assertThat(cloud.getReceivedMessages())
                    .extracting(MimeMessage::getSubject)
                    .containsExactly("Welcome to Microsoft 365");
        } finally {
            cloud.stop();
        }
    }

    @Test
    void anAfterCutoverRelayWithoutStartTlsGetsNothingUnlessPlaintextIsAllowed() throws Exception {
        GreenMail cloud = new GreenMail(ServerSetupTest.SMTP.dynamicPort()); // offers no STARTTLS
        cloud.start();
        try {
            NotificationService split = service(new NotifyProperties(
                    null, null, "127.0.0.1:" + cloud.getSmtp().getPort(), null, false));

            assertThatThrownBy(() -> split.sendWelcome("pi-3:welcome", "contoso.com", List.of("user01@contoso.com")))
                    .isInstanceOf(NotificationException.class)
                    .hasMessageContaining("127.0.0.1:" + cloud.getSmtp().getPort());
            assertThat(cloud.getReceivedMessages()).as("sent in clear").isEmpty();
        } finally {
            cloud.stop();
        }
    }

    @Test
    void operatorNoticeUsesTheConfiguredSender() throws Exception {
        NotificationService configured =
                service(new NotifyProperties("mailferry@it.contoso.com", null, null, null, false));

        configured.sendOperatorNotice(
                "pi-3:licence-reminder",
                List.of("ops@contoso.com"),
                "Licences run out in 7 days",
                "3 users have no licence.\n\nAssign licences in the admin center.");

        MimeMessage message = smtp.getReceivedMessages()[0];
        assertThat(message.getFrom()[0].toString()).isEqualTo("mailferry@it.contoso.com");
        assertThat(message.getSubject()).isEqualTo("Licences run out in 7 days");
        assertThat(GreenMailUtil.getBody(message)).contains("3 users have no licence.");
    }

    @Test
    void failureNamesServerAndRecipient() {
        int port = smtp.getSmtp().getPort();
        smtp.stop();

        assertThatThrownBy(() -> service.sendWelcome("pi-1:welcome", "contoso.com", List.of("user04@contoso.com")))
                .isInstanceOf(NotificationException.class)
                .hasMessageContaining("127.0.0.1:" + port)
                .hasMessageContaining("user04@contoso.com")
                .satisfies(e -> assertThat(((NotificationException) e).sent()).isEmpty());
    }
}
