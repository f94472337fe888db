package io.mailferry.rig;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import io.mailferry.mailbox.ImapSecurity;
import io.mailferry.mailbox.ImapServer;
import io.mailferry.mailbox.XOAuth2Access;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.NettyWrapper;
import no.nav.security.mock.oauth2.http.Ssl;
import no.nav.security.mock.oauth2.http.SslKeystore;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import no.nav.security.mock.oauth2.token.RequestMapping;
import no.nav.security.mock.oauth2.token.RequestMappingTokenCallback;

/**
 * The offline Exchange Online: an Entra-like token server (mock-oauth2-server 2.3.0, in this JVM, over HTTPS with
 * src/test/resources/m365/server.p12) that signs app-only tokens with the key start-dovecot.sh made for its XOAUTH2
 * Dovecot, which validates them locally. Two apps: {@link #APP} has {@code IMAP.AccessAsApp}, {@link #APP_WITHOUT_IMAP}
 * has no role, like an app whose IMAP permission lacks admin consent. Tokens are shaped like Entra's v1 tokens for
 * {@code https://outlook.office365.com} ({@code iss} sts.windows.net, {@code roles}, {@code oid}, {@code appid}); the
 * roles are also written into a {@code scope} string, the only form Dovecot 2.3 can check. Needs the DOVECOT_XOAUTH2_*
 * variables of start-dovecot.sh's env file (see .ci/run).
 */
public final class ExchangeOnlineRig implements AutoCloseable {
    public static final String APP = "mailferry-rig-app";
    public static final String APP_WITHOUT_IMAP = "mailferry-rig-app-without-imap";
    public static final String SECRET = "rig-secret-never-shown";
    /** The object id of the apps' service principal, as {@code Add-MailboxPermission -User} wants it. */
    public static final String SERVICE_PRINCIPAL = "6d9a3b0e-4f1c-4e2a-9b7d-0c5e8f1a2b3c";

    private static final String IMAP_SCOPE = "https://outlook.office365.com/.default";
    private static final String GRAPH_AUDIENCE = "https://graph.microsoft.com";
    /** The Graph application permissions of docs/microsoft365.md step 3, all consented. */
    public static final List<String> GRAPH_ROLES = List.of(
            "Domain.ReadWrite.All",
            "Organization.Read.All",
            "User.ReadWrite.All",
            "LicenseAssignment.ReadWrite.All",
            "GroupMember.Read.All");

    private final MockOAuth2Server server;
    private final String tenant;
    private final SSLContext trust;

    private ExchangeOnlineRig(MockOAuth2Server server, String tenant, SSLContext trust) {
        this.server = server;
        this.tenant = tenant;
        this.trust = trust;
    }

    /** Starts the token server on a free port of 127.0.0.1; its tokens last {@code tokenLifetime}. */
    public static ExchangeOnlineRig start(Duration tokenLifetime) throws Exception {
        return start(tokenLifetime, 0);
    }

    /** Starts the token server on {@code port} of 127.0.0.1 (0: a free one); its tokens last {@code tokenLifetime}. */
    public static ExchangeOnlineRig start(Duration tokenLifetime, int port) throws Exception {
        String tenant = required("DOVECOT_XOAUTH2_TENANT");
        JWK key = signingKey(Path.of(required("DOVECOT_XOAUTH2_SIGNING_KEY")));
        String issuer = "https://sts.windows.net/" + tenant + "/";
        Map<String, Object> common = Map.of(
                "aud", List.of("https://outlook.office365.com"),
                "iss", issuer,
                "tid", tenant,
                "ver", "1.0",
                "appid", "${client_id}",
                "oid", SERVICE_PRINCIPAL,
                "sub", SERVICE_PRINCIPAL);
        Map<String, Object> withImap = new java.util.HashMap<>(common);
        withImap.put("roles", List.of("IMAP.AccessAsApp"));
        withImap.put("scope", "IMAP.AccessAsApp");
        // the issuer path msal4j posts to (<authority>/<tenant>/oauth2/v2.0/token) names the callback and the key id
        // Graph's tokens (scope https://graph.microsoft.com/.default, for either app): its audience and the
        // application permissions Mailferry needs, as after the administrator's consent (docs/microsoft365.md step 3)
        Map<String, Object> graph = new java.util.HashMap<>(common);
        graph.put("aud", List.of(GRAPH_AUDIENCE));
        graph.put("roles", GRAPH_ROLES);
        RequestMappingTokenCallback callback = new RequestMappingTokenCallback(
                tenant + "/oauth2/v2.0",
                List.of(
                        new RequestMapping("scope", ".*graph\\.microsoft\\.com/\\.default.*", graph, "JWT"),
                        new RequestMapping("client_id", APP_WITHOUT_IMAP, common, "JWT"),
                        new RequestMapping("client_id", APP, withImap, "JWT")),
                tokenLifetime.toSeconds());
        // the key for every issuer path the server is asked about (a discovery request would take the first one)
        KeyProvider keys = new KeyProvider(Collections.nCopies(16, key), "RS256");
        KeyStore tls = KeyStore.getInstance("PKCS12");
        try (InputStream in = resource("/m365/server.p12")) {
            tls.load(in, "changeit".toCharArray());
        }
        OAuth2Config config = new OAuth2Config(
                false,
                null,
                null,
                false,
                new OAuth2TokenProvider(keys, (java.time.Instant) null),
                Set.of(callback),
                new NettyWrapper(new Ssl(new SslKeystore("changeit", tls))));
        MockOAuth2Server server = new MockOAuth2Server(config);
        server.start(InetAddress.getByName("127.0.0.1"), port);
        return new ExchangeOnlineRig(server, tenant, sslContext(trustedCertificates()));
    }

    /** {@code mailferry.m365.authority}: the token server's root. */
    public URI authority() {
        return URI.create("https://127.0.0.1:" + server.baseUrl().port() + "/");
    }

    /** The token server's signing keys (JWKS), which a resource such as the Graph stand-in checks tokens with. */
    public URI jwks() {
        return authority().resolve(tenant + "/oauth2/v2.0/jwks");
    }

    public String tenant() {
        return tenant;
    }

    public String imapHost() {
        return required("DOVECOT_HOST");
    }

    public int imapPort() {
        return Integer.parseInt(required("DOVECOT_XOAUTH2_PORT"));
    }

    /** The token server's certificate and the XOAUTH2 Dovecot's, for {@code mailferry.m365.trust-certificate-file}. */
    public Path trustFile(Path dir) throws IOException {
        Path file = dir.resolve("rig-trust.pem");
        try (InputStream tokenServer = resource("/m365/server.crt")) {
            Files.write(file, tokenServer.readAllBytes());
        }
        Files.write(
                file,
                Files.readAllBytes(Path.of(required("DOVECOT_TLS_CERT"))),
                java.nio.file.StandardOpenOption.APPEND);
        return file;
    }

    /** Trusts the token server and the Dovecots (and nothing else). */
    public SSLContext trust() {
        return trust;
    }

    /** A new token for {@code clientId} by the client credentials grant, as msal4j would ask for it. */
    public String token(String clientId) throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(SECRET)
                + "&scope=" + enc(IMAP_SCOPE);
        HttpClient http = HttpClient.newBuilder()
                .sslContext(trust)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(authority().resolve(tenant + "/oauth2/v2.0/token"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("The rig's token server answered " + response.statusCode() + ": " + response.body());
        }
        return new ObjectMapper().readTree(response.body()).path("access_token").asText();
    }

    /** The app's way into the XOAUTH2 Dovecot with this server's tokens, for a test's own look at the mailboxes. */
    public XOAuth2Access imapAccess() {
        return new XOAuth2Access() {
            @Override
            public ImapServer server() {
                return new ImapServer(imapHost(), imapPort(), ImapSecurity.TLS);
            }

            @Override
            public SSLContext sslContext() {
                return trust;
            }

            @Override
            public String token() {
                try {
                    return ExchangeOnlineRig.this.token(APP);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public String renewedToken() {
                return token();
            }

            @Override
            public String whyRefused(String mailbox) {
                return "(the rig refused " + mailbox + ")";
            }
        };
    }

    /** Ends every IMAP session of {@code mailbox}, as Exchange Online does when a session's token expires. */
    public static void kick(String mailbox) throws IOException, InterruptedException {
        Process kick = new ProcessBuilder("doveadm", "-c", required("DOVECOT_XOAUTH2_CONFIG"), "kick", mailbox)
                .redirectErrorStream(true)
                .start();
        String output = new String(kick.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kick.waitFor(20, TimeUnit.SECONDS) || kick.exitValue() != 0) {
            throw new IOException("doveadm kick " + mailbox + " failed: " + output);
        }
    }

    @Override
    public void close() {
        server.shutdown();
    }

    /** Environment first (what .ci/run exports), then -D system properties; missing means the setup is broken. */
    public static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the server tests through .ci/run, which starts"
                    + " the Dovecots with src/test/dovecot/start-dovecot.sh and exports its env file");
        }
        return value;
    }

    /** The PKCS#8 PEM key start-dovecot.sh made, as the JWK the token server signs with. */
    static JWK signingKey(Path pem) throws Exception {
        String base64 =
                Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey)
                rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        RSAPublicKey publicKey = (RSAPublicKey)
                rsa.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        return new RSAKey.Builder(publicKey).privateKey(privateKey).build();
    }

    private static List<java.security.cert.Certificate> trustedCertificates() throws Exception {
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        List<java.security.cert.Certificate> certificates = new ArrayList<>();
        try (InputStream tokenServer = resource("/m365/server.crt")) {
            certificates.add(x509.generateCertificate(tokenServer));
        }
        try (InputStream dovecot = Files.newInputStream(Path.of(required("DOVECOT_TLS_CERT")))) {
            certificates.add(x509.generateCertificate(dovecot));
        }
        return certificates;
    }

    private static SSLContext sslContext(List<java.security.cert.Certificate> certificates) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (int i = 0; i < certificates.size(); i++) {
            store.setCertificateEntry("rig-" + i, certificates.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static InputStream resource(String name) {
        InputStream in = ExchangeOnlineRig.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("Test resource " + name + " is missing");
        }
        return in;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
