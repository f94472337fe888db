package io.mailferry.m365;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * msal4j against a local Entra ID token endpoint over HTTPS (WireMock with a test certificate that only
 * {@code mailferry.m365.trust-certificate-file} makes trusted): what Mailferry sends, what it caches, and what an
 * operator reads when Entra says no.
 */
class AccessTokensTest {
    @RegisterExtension
    static WireMockExtension entra = M365Fixture.httpsServer();

    private static final String TOKEN_PATH = "/" + M365Fixture.TENANT + "/oauth2/v2.0/token";

    private static String tokenAnswer(String token, int expiresIn) {
        return "{\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + ",\"ext_expires_in\":" + expiresIn
                + ",\"access_token\":\"" + token + "\"}";
    }

    private static M365Properties properties(Path trust) {
        return M365Fixture.properties(
                "https://graph.microsoft.com/v1.0", "https://localhost:" + entra.getHttpsPort() + "/", trust);
    }

    private static AccessTokens tokens(M365Properties properties) {
        return new AccessTokens(
                properties,
                ClientCredentials.from(properties),
                TrustMaterial.sslContext(properties.trustCertificateFile()).orElse(null));
    }

    private static AccessTokens trustingTokens() {
        return tokens(properties(M365Fixture.resource("server.crt")));
    }

    private static Map<String, String> form(LoggedRequest request) {
        return Stream.of(request.getBodyAsString().split("&"))
                .map(p -> p.split("=", 2))
                .collect(Collectors.toMap(
                        p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                        p -> p.length < 2 ? "" : URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    @Test
    void aGraphTokenIsFetchedWithTheSecretOnceAndThenServedFromTheCache() {
        entra.stubFor(post(TOKEN_PATH)
                .withRequestBody(containing("graph.microsoft.com"))
                .willReturn(okJson(tokenAnswer("graph-1", 3599))));
        AccessTokens tokens = trustingTokens();

        assertThat(tokens.graphToken()).isEqualTo("graph-1");
        assertThat(tokens.graphToken()).isEqualTo("graph-1");

        List<LoggedRequest> requests = entra.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)));
        assertThat(requests).hasSize(1);
        Map<String, String> form = form(requests.get(0));
        assertThat(form)
                .containsEntry("grant_type", "client_credentials")
                .containsEntry("client_id", M365Fixture.CLIENT)
                .containsEntry("client_secret", M365Fixture.SECRET);
        assertThat(form.get("scope")).contains("https://graph.microsoft.com/.default");
        assertThat(tokens.toString()).doesNotContain(M365Fixture.SECRET).doesNotContain("graph-1");
    }

    @Test
    void imapTokensAreForExchangeOnlineAndAFreshOneSkipsTheCache() {
        entra.stubFor(post(TOKEN_PATH)
                .withRequestBody(containing("outlook.office365.com"))
                .willReturn(okJson(tokenAnswer("imap-1", 3599))));
        AccessTokens tokens = trustingTokens();

        assertThat(tokens.imapToken()).isEqualTo("imap-1");
        assertThat(tokens.imapToken()).isEqualTo("imap-1");
        assertThat(tokens.freshImapToken()).isEqualTo("imap-1");

        List<LoggedRequest> requests = entra.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)));
        assertThat(requests).hasSize(2);
        assertThat(form(requests.get(0)).get("scope")).contains("https://outlook.office365.com/.default");
    }

    @Test
    void aTokenCloseToItsExpiryIsRenewedBeforeItIsUsed() {
        entra.stubFor(post(TOKEN_PATH).willReturn(okJson(tokenAnswer("short-lived", 240))));
        AccessTokens tokens = trustingTokens();

        tokens.graphToken();
        tokens.graphToken();

        entra.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    @Test
    void aCertificateSignsTheAssertionAndNoSecretIsSent() throws Exception {
        entra.stubFor(post(TOKEN_PATH).willReturn(okJson(tokenAnswer("by-certificate", 3599))));
        M365Properties secretProperties = properties(M365Fixture.resource("server.crt"));
        M365Properties certificateProperties = new M365Properties(
                M365Fixture.TENANT,
                M365Fixture.CLIENT,
                M365Fixture.resource("client.pem"),
                null,
                null,
                null,
                null,
                secretProperties.authority(),
                secretProperties.graphUrl(),
                "outlook.office365.com",
                993,
                secretProperties.trustCertificateFile(),
                Duration.ofSeconds(2),
                Duration.ofSeconds(3),
                3,
                Duration.ofSeconds(60));

        assertThat(tokens(certificateProperties).graphToken()).isEqualTo("by-certificate");

        Map<String, String> form =
                form(entra.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH))).get(0));
        assertThat(form).doesNotContainKey("client_secret");
        assertThat(form)
                .containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        String[] jwt = form.get("client_assertion").split("\\.");
        ObjectMapper json = new ObjectMapper();
        JsonNode header = json.readTree(Base64.getUrlDecoder().decode(jwt[0]));
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(jwt[1]));
        X509Certificate certificate;
        try (InputStream in = Files.newInputStream(M365Fixture.resource("client.crt"))) {
            certificate =
                    (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        byte[] thumbprint = MessageDigest.getInstance(header.has("x5t#S256") ? "SHA-256" : "SHA-1")
                .digest(certificate.getEncoded());
        String x5t = header.has("x5t#S256")
                ? header.path("x5t#S256").asText()
                : header.path("x5t").asText();
        assertThat(decodeEitherBase64(x5t)).as("the certificate's thumbprint").isEqualTo(thumbprint);
        assertThat(claims.path("iss").asText()).isEqualTo(M365Fixture.CLIENT);
        assertThat(claims.path("sub").asText()).isEqualTo(M365Fixture.CLIENT);
        assertThat(claims.path("aud").asText()).contains(TOKEN_PATH);
        Signature signature =
                Signature.getInstance(header.path("alg").asText().startsWith("PS") ? "RSASSA-PSS" : "SHA256withRSA");
        if (header.path("alg").asText().startsWith("PS")) {
            signature.setParameter(new java.security.spec.PSSParameterSpec(
                    "SHA-256", "MGF1", java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
        }
        signature.initVerify(certificate.getPublicKey());
        signature.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(signature.verify(Base64.getUrlDecoder().decode(jwt[2])))
                .as("signed with the key of client.pem")
                .isTrue();
    }

    @Test
    void entraRefusingTheSecretIsExplainedWithoutTheSecret() {
        entra.stubFor(post(TOKEN_PATH)
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret \
                                provided. Ensure the secret being sent in the request is the client secret value, not \
                                the client secret ID, for a secret added to app '%s'.\\r\\nTrace ID: 0000\\r\\n\
                                Correlation ID: 1111\\r\\nTimestamp: 2026-12-06 10:00:00Z","error_codes":[7000215],\
                                "timestamp":"2026-12-06 10:00:00Z","trace_id":"0000","correlation_id":"1111"}""".formatted(M365Fixture.CLIENT))));

        assertThatThrownBy(() -> trustingTokens().graphToken())
                .isInstanceOf(M365AuthenticationException.class)
                .hasMessageContaining("Microsoft Graph")
                .hasMessageContaining(M365Fixture.TENANT)
                .hasMessageContaining("invalid_client")
                .hasMessageContaining("AADSTS7000215")
                .hasMessageContaining("set mailferry.m365.client-secret to the secret's Value")
                .hasMessageNotContaining(M365Fixture.SECRET)
                .hasMessageNotContaining("Trace ID");
    }

    @Test
    void aTokenServerWithAnUntrustedCertificateIsNamedAsSuch() {
        assertThatThrownBy(() -> tokens(properties(null)).graphToken())
                .isInstanceOf(M365AuthenticationException.class)
                .hasMessageContaining("localhost:" + entra.getHttpsPort())
                .hasMessageContaining("mailferry.m365.trust-certificate-file");
        entra.verify(0, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    @Test
    void anUnreachableEntraFailsTheCallInTimeButNotTheStart() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        M365Properties unreachable =
                M365Fixture.properties("https://graph.microsoft.com/v1.0", "https://127.0.0.1:" + closed + "/", null);

        AccessTokens tokens = tokens(unreachable); // what a start does: no call yet

        long start = System.nanoTime();
        assertThatThrownBy(tokens::imapToken)
                .isInstanceOf(M365AuthenticationException.class)
                .hasMessageContaining("Exchange Online")
                .hasMessageContaining("https://127.0.0.1:" + closed + "/" + M365Fixture.TENANT + "/");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(URI.create(unreachable.tenantAuthority()).getPort()).isEqualTo(closed);
    }

    private static byte[] decodeEitherBase64(String value) {
        return value.contains("+") || value.contains("/") || value.endsWith("=")
                ? Base64.getDecoder().decode(value)
                : Base64.getUrlDecoder().decode(value);
    }
}
