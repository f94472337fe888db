package io.mailferry.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailferry.secrets.Purpose;
import io.mailferry.secrets.SecretStore;
import io.mailferry.secrets.SecretStoreProperties;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The administrator (proxy) sign-in against a real Dovecot started by {@code src/test/dovecot/start-dovecot.sh}
 * (see {@code .ci/run}): the master user signs in with SASL PLAIN and the user as authorization identity, and lands
 * in that user's mailbox. GreenMail has no master users, so only a real server can show this. Tagged {@code server}:
 * only {@code mvn -Pserver-tests} runs it, and there a missing Dovecot is a failure, not a skip.
 */
@Tag("server")
class DovecotProxyLoginServerTest {
    static final String USER = "user02@contoso.com";
    static final String OTHER_USER = "user03@contoso.com";

    static String host;
    static int port;
    static int tlsPort;
    static String password;
    static String masterUser;
    static String masterPassword;

    SecretStore secrets;
    ImapConnector connector;

    @BeforeAll
    static void environment() {
        host = required("DOVECOT_HOST");
        port = Integer.parseInt(required("DOVECOT_SOURCE_PORT"));
        tlsPort = Integer.parseInt(required("DOVECOT_SOURCE_TLS_PORT"));
        password = required("DOVECOT_PASSWORD");
        masterUser = required("DOVECOT_MASTER_USER");
        masterPassword = required("DOVECOT_MASTER_PASSWORD");
    }

    @BeforeEach
    void setUp() {
        secrets = new SecretStore(new JdbcTemplate(TestDatabase.migrated()), new SecretStoreProperties(null));
        // the plain port is Dovecot on the test network, allowed in clear as mailferry.source.allow-plaintext would
        connector =
                new ImapConnector(secrets, PlaintextEndpoints.allowing(new ImapServer(host, port, ImapSecurity.NONE)));
    }

    MigrationEndpoint endpoint(
            ImapSecurity security, int endpointPort, LoginMode mode, String adminUser, String secret) {
        return new MigrationEndpoint(
                1,
                "Dovecot source",
                new ImapServer(host, endpointPort, security),
                adminUser,
                secrets.store(Purpose.imapLogin(host, endpointPort), "dovecot", secret.toCharArray(), "operator"),
                mode);
    }

    @Test
    void administratorSignsInToTheMailboxNamedAsAuthorizationIdentity() throws Exception {
        String folderName = "Proxy proof " + UUID.randomUUID();
        String subject = "Only in " + USER + "'s mailbox " + UUID.randomUUID();
        try (IMAPStore own =
                connector.connect(endpoint(ImapSecurity.NONE, port, LoginMode.SHARED_PASSWORD, null, password), USER)) {
            Folder folder = own.getFolder(folderName);
            assertThat(folder.create(Folder.HOLDS_MESSAGES)).isTrue();
            folder.appendMessages(new Message[] {message(subject)});
        }
        MigrationEndpoint proxy = endpoint(ImapSecurity.NONE, port, LoginMode.PROXY, masterUser, masterPassword);

        try (IMAPStore admin = connector.connect(proxy, USER)) {
            Folder folder = admin.getFolder(folderName);
            assertThat(folder.exists())
                    .as("the administrator sees " + USER + "'s folder")
                    .isTrue();
            folder.open(Folder.READ_ONLY);
            assertThat(folder.getMessages()).extracting(Message::getSubject).containsExactly(subject);
            folder.close(false);
        }
        try (IMAPStore admin = connector.connect(proxy, OTHER_USER)) {
            assertThat(admin.getFolder(folderName).exists())
                    .as("the same administrator for " + OTHER_USER + " is in " + OTHER_USER + "'s mailbox")
                    .isFalse();
        }
    }

    @Test
    void wrongAdministratorPasswordIsRefusedWithoutRevealingIt() {
        String wrong = "Wr0ng-" + UUID.randomUUID();
        MigrationEndpoint proxy = endpoint(ImapSecurity.NONE, port, LoginMode.PROXY, masterUser, wrong);

        assertThatThrownBy(() -> connector.connect(proxy, USER))
                .isInstanceOf(MailboxUnavailableException.class)
                .hasMessageContaining("Sign-in to " + host + ":" + port + " for mailbox " + USER + " as administrator "
                        + masterUser + " (SASL PLAIN proxy) was refused")
                .hasMessageContaining("AUTHENTICATIONFAILED")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain(masterPassword));
    }

    @Test
    void selfSignedCertificateOfTheImapsPortIsNotTrustedByDefault() {
        MigrationEndpoint tls = endpoint(ImapSecurity.TLS, tlsPort, LoginMode.PROXY, masterUser, masterPassword);

        assertThatThrownBy(() -> connector.connect(tls, USER))
                .isInstanceOf(MailboxSyncException.class)
                .isNotInstanceOf(MailboxUnavailableException.class)
                .hasMessageContaining("TLS certificate of " + host + ":" + tlsPort + " is not trusted (self-signed?)");
    }

    static MimeMessage message(String subject) throws Exception {
        String raw = "From: Alice <alice@contoso.com>\r\nTo: <" + USER + ">\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + UUID.randomUUID() + "@contoso.com>\r\n\r\nProxy login test\r\n";
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes()));
    }

    /** Environment first (what .ci/run exports), then -D system properties; missing means the setup is broken. */
    static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        assertThat(value)
                .as(name + " is not set: run the server tests through .ci/run, which starts Dovecot with "
                        + "src/test/dovecot/start-dovecot.sh and exports its env file")
                .isNotBlank();
        return value;
    }
}
