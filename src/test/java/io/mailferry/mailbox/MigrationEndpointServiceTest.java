package io.mailferry.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailferry.secrets.Purpose;
import io.mailferry.secrets.SecretStore;
import jakarta.mail.Flags;
import java.net.ServerSocket;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class MigrationEndpointServiceTest {
    static final String USER = "user01@contoso.com";
    static final String PASSWORD = "Migr4tion-Temp!";

    GreenMail server;
    JdbcTemplate jdbc;
    SecretStore secrets;
    MigrationEndpointService endpoints;
    ImapServer imap;

    @BeforeEach
    void setUp() {
        server = Imap.start();
        server.setUser(USER, USER, PASSWORD);
        jdbc = new JdbcTemplate(TestDatabase.migrated());
        secrets = new SecretStore(jdbc, TestDatabase.secretStoreProperties());
        imap = new ImapServer("127.0.0.1", Imap.port(server), ImapSecurity.NONE);
        endpoints = new MigrationEndpointService(jdbc, secrets, PlaintextEndpoints.allowing(imap));
    }

    @AfterEach
    void tearDown() {
        server.stop();
    }

    /** A password stored by an operator for the test server. */
    String stored(String password) {
        return secrets.store(FOR_IMAP.apply(imap), "pw", password.toCharArray(), "operator");
    }

    static final java.util.function.Function<ImapServer, Purpose> FOR_IMAP =
            server -> Purpose.imapLogin(server.host(), server.port());

    @Test
    void endpointTestSignsInAndCountsInbox() throws Exception {
        Imap.append(
                server,
                USER,
                PASSWORD,
                "INBOX",
                Imap.message("<a@contoso.com>", "Hi", "hi"),
                new Flags(),
                Instant.now());
        long id = endpoints.create("Exchange", imap, null, stored(PASSWORD), LoginMode.SHARED_PASSWORD);

        EndpointTestResult result = endpoints.testEndpoint(id, USER);

        assertThat(result.passed()).isTrue();
        assertThat(result.message())
                .isEqualTo("Signed in to " + imap + " as " + USER
                        + " (shared migration password) and opened INBOX (1 messages)");
        assertThat(endpoints.endpoint(id))
                .isEqualTo(new MigrationEndpoint(
                        id, "Exchange", imap, null, endpoints.endpoint(id).credentialRef(), LoginMode.SHARED_PASSWORD));
    }

    @Test
    void wrongPasswordIsExplainedWithoutRevealingIt() {
        String wrong = "Wr0ng-Secret-42";
        long id = endpoints.create("Exchange", imap, null, stored(wrong), LoginMode.SHARED_PASSWORD);

        EndpointTestResult result = endpoints.testEndpoint(id, USER);

        assertThat(result.passed()).isFalse();
        assertThat(result.message())
                .startsWith("Sign-in to " + imap + " as " + USER)
                .contains("was refused")
                .doesNotContain(wrong)
                .doesNotContain(PASSWORD);
    }

    @Test
    void serverTestReadsGreetingAndCapabilities() {
        EndpointTestResult result = endpoints.testServer(imap);

        assertThat(result.passed()).isTrue();
        assertThat(result.message())
                .startsWith("Connected to " + imap + " (unencrypted)")
                .contains("IMAP4rev1")
                .endsWith("Unencrypted, as --allow-plaintext allows: passwords and mail cross the network in clear");
    }

    @Test
    void serverTestOnClosedPortSaysNothingListens() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        EndpointTestResult result =
                endpoints.testServer(new ImapServer("127.0.0.1", closedPort, ImapSecurity.STARTTLS));

        assertThat(result.passed()).isFalse();
        assertThat(result.message()).startsWith("Nothing accepts connections on 127.0.0.1:" + closedPort);
    }

    @Test
    void serverTestRefusesSelfSignedCertificate() {
        GreenMail tls = new GreenMail(ServerSetupTest.IMAPS.dynamicPort());
        tls.start();
        try {
            ImapServer imaps = new ImapServer("127.0.0.1", tls.getImaps().getPort(), ImapSecurity.TLS);

            EndpointTestResult result = endpoints.testServer(imaps);

            assertThat(result.passed()).isFalse();
            assertThat(result.message())
                    .isEqualTo("TLS certificate of " + imaps
                            + " is not trusted (self-signed?): PKIX path building failed");
        } finally {
            tls.stop();
        }
    }

    @Test
    void serverTestNoticesPlainImapOnATlsSetting() {
        EndpointTestResult result = endpoints.testServer(new ImapServer("127.0.0.1", imap.port(), ImapSecurity.TLS));

        assertThat(result.passed()).isFalse();
        assertThat(result.message()).contains(imap.toString()).containsIgnoringCase("TLS");
    }

    @Test
    void aPasswordIsNeverAcceptedAsCredentialReference() {
        assertThatThrownBy(() -> endpoints.create("Exchange", imap, null, PASSWORD, LoginMode.SHARED_PASSWORD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(PASSWORD);
        assertThatThrownBy(() -> endpoints.create("Exchange", imap, null, null, LoginMode.PROXY))
                .hasMessageContaining("administrator");
    }

    @Test
    void configuredTargetIsRegisteredOnceAndPasswordsOnlyAsReferences() {
        TargetEndpointProperties target = new TargetEndpointProperties(
                "127.0.0.1", imap.port(), ImapSecurity.NONE, null, PASSWORD, LoginMode.SHARED_PASSWORD, true);
        SourceEndpointProperties source = new SourceEndpointProperties(
                "mail.contoso.com", 993, ImapSecurity.TLS, "CONTOSO\\mig-admin", "", LoginMode.PROXY, false);
        ConfiguredEndpoints configured = new ConfiguredEndpoints(endpoints, secrets, target, source);

        long id = configured.targetEndpointId();
        long again = new ConfiguredEndpoints(endpoints, secrets, target, source).targetEndpointId();

        assertThat(again).isEqualTo(id).isEqualTo(configured.targetEndpointId());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mf_migration_endpoint", Integer.class))
                .isEqualTo(1);
        MigrationEndpoint endpoint = endpoints.endpoint(id);
        assertThat(endpoint.credentialRef()).startsWith(SecretStore.PREFIX);
        assertThat(new String(secrets.reveal(endpoint.credentialRef(), FOR_IMAP.apply(imap))))
                .isEqualTo(PASSWORD);
        assertThat(endpoints.testEndpoint(id, USER).passed()).isTrue();
        assertThat(configured.defaultSourceCredentialRef())
                .as("empty password stores nothing")
                .isNull();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mf_secret", Integer.class))
                .as("a restart with the same password reuses the stored copy")
                .isEqualTo(1);
        TargetEndpointProperties rotated = new TargetEndpointProperties(
                "127.0.0.1",
                imap.port(),
                ImapSecurity.NONE,
                null,
                PASSWORD + "-rotated",
                LoginMode.SHARED_PASSWORD,
                true);
        long afterRotation = new ConfiguredEndpoints(endpoints, secrets, rotated, source).targetEndpointId();
        assertThat(afterRotation).isEqualTo(id);
        assertThat(new String(secrets.reveal(endpoints.endpoint(id).credentialRef(), FOR_IMAP.apply(imap))))
                .isEqualTo(PASSWORD + "-rotated");
        assertThat(configured.sourceDefaults().host()).isEqualTo("mail.contoso.com");
        assertThat(configured.sourceDefaults().password()).isNull();
    }
}
