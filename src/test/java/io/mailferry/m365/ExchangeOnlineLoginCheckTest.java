package io.mailferry.m365;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import io.mailferry.m365.ExchangeOnlineLogin.LoginCheck;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The checks of {@link ExchangeOnlineLoginCheck} that need no IMAP server that signs anyone in: Entra refusing the
 * token, a server nobody answers on, a bad address; and what a refused token's claims make it say. The sign-ins
 * themselves are proved against the rig (ExchangeOnlineRigServerTest).
 */
class ExchangeOnlineLoginCheckTest {
    @RegisterExtension
    static WireMockExtension entra = M365Fixture.httpsServer();

    @Test
    void aTokenEntraRefusesIsNamedWithItsAadstsHintAndWithoutTheSecret() {
        entra.stubFor(post("/" + M365Fixture.TENANT + "/oauth2/v2.0/token")
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client"
                                + " secret provided.\",\"error_codes\":[7000215]}")));
        M365Properties properties = M365Fixture.properties(
                "https://graph.microsoft.com/v1.0",
                "https://localhost:" + entra.getHttpsPort() + "/",
                M365Fixture.resource("server.crt"));
        AccessTokens tokens = new AccessTokens(
                properties,
                ClientCredentials.from(properties),
                TrustMaterial.sslContext(properties.trustCertificateFile()).orElseThrow());

        LoginCheck check = new ExchangeOnlineLoginCheck(
                        properties, tokens, new ExchangeOnlineImap(properties, tokens, null))
                .check("alice@contoso.com");

        assertThat(check.passed()).isFalse();
        assertThat(check.detail())
                .contains("Exchange Online")
                .contains("AADSTS7000215")
                .contains("set mailferry.m365.client-secret to the secret's Value")
                .doesNotContain(M365Fixture.SECRET);
    }

    @Test
    void anImapServerThatDoesNotAnswerIsNamedWithHostPortAndTimeout() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        M365Properties properties = imapAt(closed);
        FixedTokens tokens = new FixedTokens(properties, jwt("{\"roles\":[\"IMAP.AccessAsApp\"]}"));

        LoginCheck check = check(properties, tokens, "alice@contoso.com");

        assertThat(check.passed()).isFalse();
        assertThat(check.detail())
                .contains("127.0.0.1:" + closed)
                .contains("connect timeout 2 s")
                .doesNotContain(tokens.token);
    }

    @Test
    void somethingThatIsNoMailboxAddressIsNotSignedInWith() {
        M365Properties properties = imapAt(993);
        FixedTokens tokens = new FixedTokens(properties, jwt("{}"));

        LoginCheck check = check(properties, tokens, "alice");

        assertThat(check.passed()).isFalse();
        assertThat(check.detail()).contains("'alice' is not a mailbox address");
        assertThat(tokens.asked).as("no token asked for").isZero();
    }

    @Test
    void aRefusedTokenWithoutTheImapRoleNamesThePermissionConsentAndServicePrincipal() {
        M365Properties properties = imapAt(993);
        String token = jwt("{\"roles\":[\"Mail.Read\"],\"oid\":\"7f0c1d2e-0000-4000-8000-000000000001\"}");

        String why = new ExchangeOnlineImap(properties, new FixedTokens(properties, token), null)
                .whyRefused("alice@contoso.com");

        assertThat(why)
                .contains("no IMAP.AccessAsApp role")
                .contains("[Mail.Read]")
                .contains("grant admin consent")
                .contains("New-ServicePrincipal -AppId " + M365Fixture.CLIENT
                        + " -ObjectId 7f0c1d2e-0000-4000-8000-000000000001")
                .doesNotContain("Add-MailboxPermission")
                .doesNotContain(token);
    }

    @Test
    void aRefusedTokenWithTheRoleNamesTheMailboxPermissionForThatMailbox() {
        M365Properties properties = imapAt(993);
        String token = jwt("{\"roles\":[\"IMAP.AccessAsApp\"],\"oid\":\"7f0c1d2e-0000-4000-8000-000000000001\"}");

        String why = new ExchangeOnlineImap(properties, new FixedTokens(properties, token), null)
                .whyRefused("alice@contoso.com");

        assertThat(why)
                .contains("Add-MailboxPermission -Identity alice@contoso.com -User 7f0c1d2e-0000-4000-8000-000000000001"
                        + " -AccessRights FullAccess")
                .doesNotContain("no IMAP.AccessAsApp role");
    }

    @Test
    void claimsAreReadFromEntrasArrayAndNothingButAnIdGoesIntoAMessage() {
        assertThat(ImapTokenClaims.of(jwt("{\"roles\":[\"IMAP.AccessAsApp\",\"SMTP.SendAsApp\"]}"))
                        .roles())
                .containsExactly("IMAP.AccessAsApp", "SMTP.SendAsApp");
        assertThat(ImapTokenClaims.of(jwt("{\"oid\":\"x; Remove-Mailbox -Identity ceo\"}"))
                        .servicePrincipal())
                .isNull();
        assertThat(ImapTokenClaims.of("opaque-token").lacksImapRole())
                .as("an unreadable token is not said to lack the role")
                .isFalse();
        assertThat(ImapTokenClaims.of(jwt("{}")).lacksImapRole()).isTrue();
    }

    static M365Properties imapAt(int port) {
        M365Properties base = M365Fixture.properties("https://graph.microsoft.com/v1.0");
        return new M365Properties(
                base.tenantId(),
                base.clientId(),
                null,
                null,
                base.clientSecret(),
                null,
                null,
                URI.create("https://login.microsoftonline.com/"),
                base.graphUrl(),
                "127.0.0.1",
                port,
                null,
                Duration.ofSeconds(2),
                Duration.ofSeconds(3),
                1,
                Duration.ofSeconds(1));
    }

    static LoginCheck check(M365Properties properties, AccessTokens tokens, String mailbox) {
        return new ExchangeOnlineLoginCheck(properties, tokens, new ExchangeOnlineImap(properties, tokens, null))
                .check(mailbox);
    }

    /** An unsigned JWT with {@code payload}: enough for the claims read to explain a refusal. */
    static String jwt(String payload) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return String.join(
                ".",
                List.of(
                        b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)),
                        b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)),
                        "c2lnbmF0dXJl"));
    }

    /** One token, without Entra ID. */
    static final class FixedTokens extends AccessTokens {
        final String token;
        int asked;

        FixedTokens(M365Properties properties, String token) {
            super(properties, ClientCredentialFactory.createFromSecret(M365Fixture.SECRET), null);
            this.token = token;
        }

        @Override
        public String imapToken() {
            asked++;
            return token;
        }

        @Override
        public String freshImapToken() {
            return imapToken();
        }
    }
}
