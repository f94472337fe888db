package io.mailferry.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailferry.secrets.Purpose;
import io.mailferry.secrets.SecretStore;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Security review finding 5 through the door an attacker uses: an endpoint (created from a task's variables) that
 * names the attacker's own server and a stored secret's reference. The attacker's server records every line, so the
 * tests see whether the password reached it; the control case shows that it would.
 */
class EndpointSecretAttackTest {
    static final String PASSWORD = "Exch-Admin-P@ss-2025";
    static final String MAILBOX = "user01@contoso.com";

    JdbcTemplate jdbc;
    SecretStore secrets;
    RecordingImapServer attacker;

    @BeforeEach
    void setUp() throws IOException {
        jdbc = new JdbcTemplate(TestDatabase.migrated());
        secrets = new SecretStore(jdbc, TestDatabase.secretStoreProperties());
        attacker = new RecordingImapServer();
    }

    @AfterEach
    void tearDown() throws IOException {
        attacker.close();
    }

    /** The endpoint a completed task would create, pointing at the attacker's server, in clear as allowed. */
    private EndpointTestResult signInAtTheAttacker(String reference, PlaintextEndpoints plaintext) {
        MigrationEndpointService endpoints = new MigrationEndpointService(jdbc, secrets, plaintext);
        long id = endpoints.create(
                "On-premises evil.example", attacker.plain(), "CONTOSO\\mailferry-admin", reference, LoginMode.PROXY);
        return endpoints.testEndpoint(id, MAILBOX);
    }

    @Test
    void theConfiguredAdministratorsPasswordIsNeverSentToAnotherHost() {
        ConfiguredEndpoints configured = new ConfiguredEndpoints(
                new MigrationEndpointService(jdbc, secrets, PlaintextEndpoints.none()),
                secrets,
                new TargetEndpointProperties(
                        "outlook.office365.com", 993, ImapSecurity.TLS, null, null, LoginMode.PROXY, false),
                new SourceEndpointProperties(
                        "mail.contoso.com",
                        993,
                        ImapSecurity.TLS,
                        "CONTOSO\\mailferry-admin",
                        PASSWORD,
                        LoginMode.PROXY,
                        false));
        String adminPassword = configured.defaultSourceCredentialRef();

        EndpointTestResult result = signInAtTheAttacker(adminPassword, PlaintextEndpoints.allowing(attacker.plain()));

        assertThat(result.passed()).isFalse();
        assertThat(result.message())
                .contains("is for IMAP sign-in to mail.contoso.com:993")
                .contains("not revealed for IMAP sign-in to 127.0.0.1:" + attacker.port())
                .contains(SecretStore.fingerprint(adminPassword))
                .doesNotContain(adminPassword)
                .doesNotContain(PASSWORD);
        assertThat(attacker.connections()).as("connections to the attacker").isZero();
        assertThat(attacker.received(PASSWORD)).isFalse();
    }

    @Test
    void anOperatorsSecretStoredForOneServerIsNotSentToAnother() {
        String stored = secrets.store(
                Purpose.imapLogin("mail.contoso.com", 993), "Exchange admin", PASSWORD.toCharArray(), "olga");

        EndpointTestResult result = signInAtTheAttacker(stored, PlaintextEndpoints.allowing(attacker.plain()));

        assertThat(result.passed()).isFalse();
        assertThat(result.message()).contains("not revealed for IMAP sign-in to 127.0.0.1:" + attacker.port());
        assertThat(attacker.connections()).isZero();
    }

    @Test
    void controlASecretStoredForTheRecordingServerDoesReachIt() {
        String stored =
                secrets.store(Purpose.imapLogin("127.0.0.1", attacker.port()), "test", PASSWORD.toCharArray(), "olga");

        EndpointTestResult result = signInAtTheAttacker(stored, PlaintextEndpoints.allowing(attacker.plain()));

        assertThat(result.passed()).as("the recorder refuses every sign-in").isFalse();
        assertThat(attacker.received(PASSWORD))
                .as("what the other tests rely on: the recorder sees a password sent to it")
                .isTrue();
    }

    @Test
    void aServerWithoutEncryptionThatConfigurationDoesNotAllowGetsNoPassword() {
        String stored =
                secrets.store(Purpose.imapLogin("127.0.0.1", attacker.port()), "test", PASSWORD.toCharArray(), "olga");

        EndpointTestResult result = signInAtTheAttacker(stored, PlaintextEndpoints.none());

        assertThat(result.passed()).isFalse();
        assertThat(result.message())
                .contains("without encryption (security NONE)")
                .contains("mailferry.source.allow-plaintext");
        assertThat(attacker.connections()).as("not even connected").isZero();
        assertThat(new MigrationEndpointService(jdbc, secrets, PlaintextEndpoints.none())
                        .testServer(attacker.plain())
                        .message())
                .as("the server test before it says the same")
                .contains("without encryption");
    }

    @Test
    void aDeletedSecretFailsItsEndpointWithAClearMessage() {
        String stored =
                secrets.store(Purpose.imapLogin("127.0.0.1", attacker.port()), "test", PASSWORD.toCharArray(), "olga");
        assertThat(secrets.delete(stored)).isTrue();

        EndpointTestResult result = signInAtTheAttacker(stored, PlaintextEndpoints.allowing(attacker.plain()));

        assertThat(result.passed()).isFalse();
        assertThat(result.message())
                .contains("No stored secret " + SecretStore.fingerprint(stored) + " (it was deleted")
                .doesNotContain(stored);
        assertThat(attacker.connections()).isZero();
        assertThat(secrets.delete(stored)).as("deleted once").isFalse();
    }

    @Test
    void theMicrosoft365AppsTokenIsNeverSentToAnotherServer() throws Exception {
        int[] asked = new int[1];
        XOAuth2Access exchangeOnline = new XOAuth2Access() {
            @Override
            public ImapServer server() {
                return new ImapServer("outlook.office365.com", 993, ImapSecurity.TLS);
            }

            @Override
            public javax.net.ssl.SSLContext sslContext() {
                try {
                    return javax.net.ssl.SSLContext.getDefault();
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public String token() {
                asked[0]++;
                return "eyJ-the-apps-token";
            }

            @Override
            public String renewedToken() {
                return token();
            }

            @Override
            public String whyRefused(String mailbox) {
                return "";
            }
        };
        MigrationEndpointService endpoints = new MigrationEndpointService(
                jdbc, secrets, PlaintextEndpoints.allowing(attacker.plain()), exchangeOnline);
        long id = endpoints.create("On-premises evil.example", attacker.plain(), null, null, LoginMode.XOAUTH2);

        EndpointTestResult result = endpoints.testEndpoint(id, MAILBOX);

        assertThat(result.passed()).isFalse();
        assertThat(result.message())
                .contains("it is sent only to outlook.office365.com:993 with TLS")
                .doesNotContain("eyJ-the-apps-token");
        assertThat(asked[0]).as("no token even fetched").isZero();
        assertThat(attacker.connections()).isZero();
    }
}
