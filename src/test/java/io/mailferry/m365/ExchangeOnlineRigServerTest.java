package io.mailferry.m365;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailferry.m365.ExchangeOnlineLogin.LoginCheck;
import io.mailferry.mailbox.ConfiguredEndpoints;
import io.mailferry.mailbox.EndpointTestResult;
import io.mailferry.mailbox.ImapSecurity;
import io.mailferry.mailbox.LoginMode;
import io.mailferry.mailbox.MigrationEndpointService;
import io.mailferry.mailbox.PlaintextEndpoints;
import io.mailferry.mailbox.SourceEndpointProperties;
import io.mailferry.mailbox.TargetEndpointProperties;
import io.mailferry.mailbox.TestDatabase;
import io.mailferry.rig.ExchangeOnlineRig;
import io.mailferry.secrets.SecretStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Microsoft 365's IMAP side as production wires it — msal4j fetching app-only tokens over HTTPS from the rig's token
 * server, {@link ExchangeOnlineImap} and {@link ExchangeOnlineLoginCheck} — against the XOAUTH2 Dovecot of
 * start-dovecot.sh, which validates the tokens itself: a mailbox the app may open passes, one without FullAccess
 * gets the Add-MailboxPermission command, and an app whose token lacks IMAP.AccessAsApp is refused everywhere, by the
 * check and by the sync's own sign-in, with the permission named and no token shown.
 */
@Tag("server")
class ExchangeOnlineRigServerTest {
    static ExchangeOnlineRig rig;
    static Path trust;

    @BeforeAll
    static void startRig(@TempDir Path dir) throws Exception {
        rig = ExchangeOnlineRig.start(Duration.ofHours(1));
        trust = rig.trustFile(dir);
    }

    @AfterAll
    static void stopRig() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void aMailboxTheAppHasFullAccessOnPasses() {
        LoginCheck check = login(ExchangeOnlineRig.APP).check("user43@contoso.com");

        assertThat(check.passed()).as(check.detail()).isTrue();
        assertThat(check.detail())
                .contains("Signed in to " + rig.imapHost() + ":" + rig.imapPort())
                .contains("user43@contoso.com")
                .contains("opened INBOX");
    }

    @Test
    void aMailboxWithoutFullAccessGetsTheAddMailboxPermissionCommand() {
        Wiring app = new Wiring(ExchangeOnlineRig.APP);

        LoginCheck check = app.login().check("no-full-access@contoso.com");

        assertThat(check.passed()).isFalse();
        assertThat(check.detail())
                .contains("was refused")
                .contains("Add-MailboxPermission -Identity no-full-access@contoso.com -User "
                        + ExchangeOnlineRig.SERVICE_PRINCIPAL + " -AccessRights FullAccess")
                .doesNotContain("no IMAP.AccessAsApp role")
                .doesNotContain(app.tokens.imapToken());
    }

    @Test
    void anAppWithoutImapAccessAsAppIsToldToAddItAndRegisterTheServicePrincipal() {
        Wiring app = new Wiring(ExchangeOnlineRig.APP_WITHOUT_IMAP);

        LoginCheck check = app.login().check("user43@contoso.com");

        assertThat(check.passed()).isFalse();
        assertThat(check.detail())
                .contains("no IMAP.AccessAsApp role")
                .contains("grant admin consent")
                .contains("New-ServicePrincipal -AppId " + ExchangeOnlineRig.APP_WITHOUT_IMAP + " -ObjectId "
                        + ExchangeOnlineRig.SERVICE_PRINCIPAL)
                .doesNotContain(app.tokens.imapToken());
    }

    @Test
    void theSyncsOwnSignInRefusesATokenWithoutImapAccessAsAppWithAClearMessage() {
        Wiring app = new Wiring(ExchangeOnlineRig.APP_WITHOUT_IMAP);
        JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.migrated());
        SecretStore secrets = new SecretStore(jdbc, TestDatabase.secretStoreProperties());
        MigrationEndpointService endpoints =
                new MigrationEndpointService(jdbc, secrets, PlaintextEndpoints.none(), app.imap);
        long target = new ConfiguredEndpoints(
                        endpoints,
                        secrets,
                        new TargetEndpointProperties(
                                "outlook.office365.com", 993, ImapSecurity.TLS, null, null, LoginMode.PROXY, false),
                        new SourceEndpointProperties(null, 993, ImapSecurity.TLS, null, null, LoginMode.PROXY, false),
                        app.imap)
                .targetEndpointId();

        EndpointTestResult result = endpoints.testEndpoint(target, "user43@contoso.com");

        assertThat(result.passed()).isFalse();
        assertThat(result.message())
                .contains("Sign-in to " + rig.imapHost() + ":" + rig.imapPort()
                        + " for mailbox user43@contoso.com with the Microsoft 365 app's access token (SASL XOAUTH2)"
                        + " was refused")
                .contains("AUTHENTICATIONFAILED")
                .contains("no IMAP.AccessAsApp role")
                .doesNotContain(app.tokens.imapToken());
    }

    static ExchangeOnlineLogin login(String clientId) {
        return new Wiring(clientId).login();
    }

    /** What M365Configuration builds, for one app of the rig. */
    static final class Wiring {
        final M365Properties properties;
        final AccessTokens tokens;
        final ExchangeOnlineImap imap;

        Wiring(String clientId) {
            properties = new M365Properties(
                    rig.tenant(),
                    clientId,
                    null,
                    null,
                    ExchangeOnlineRig.SECRET,
                    null,
                    null,
                    rig.authority(),
                    URI.create("https://127.0.0.1:1/v1.0"),
                    rig.imapHost(),
                    rig.imapPort(),
                    trust,
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(20),
                    1,
                    Duration.ofSeconds(5));
            SSLContext ssl = TrustMaterial.sslContext(trust).orElseThrow();
            tokens = new AccessTokens(properties, ClientCredentials.from(properties), ssl);
            imap = new ExchangeOnlineImap(properties, tokens, ssl);
        }

        ExchangeOnlineLogin login() {
            return new ExchangeOnlineLoginCheck(properties, tokens, imap);
        }
    }
}
