package io.mailferry.m365;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import io.mailferry.rig.ExchangeOnlineRig;
import io.mailferry.tenant.LicenceResult;
import io.mailferry.tenant.MissingSecurityGroup;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rig's Graph stand-in, driven by Mailferry's own {@link GraphTenant} the way the cutover uses a tenant: it keeps
 * state between calls, asks for the TXT record in DNS before it verifies, provisions an {@code *.mx.microsoft} MX host,
 * refuses what a token's roles do not allow, throttles and pages — and GraphTenant copes with each.
 */
class GraphStandInTest {
    private static final String SKU = "EXCHANGESTANDARD";
    private static final Set<String> ALL_ROLES = Set.copyOf(ExchangeOnlineRig.GRAPH_ROLES);

    private final Map<String, List<String>> dns = new ConcurrentHashMap<>();
    private final KeyPair signing = rsa();
    private GraphStandIn graph;

    @BeforeEach
    void start() throws Exception {
        AppTokenCheck check = new AppTokenCheck(
                kid -> "test-key".equals(kid) ? signing.getPublic() : null, AppTokenCheck.graphAudiences());
        graph = new GraphStandIn(
                check,
                "contoso.onmicrosoft.com",
                SKU,
                3,
                name -> dns.getOrDefault(name, List.of()),
                M365Fixture.resource("server.p12"));
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    private GraphTenant tenant(Set<String> roles, M365Fixture.RecordingSleeper sleeper) {
        M365Properties properties = new M365Properties(
                M365Fixture.TENANT,
                M365Fixture.CLIENT,
                null,
                null,
                M365Fixture.SECRET,
                SKU,
                "DE",
                java.net.URI.create("https://login.microsoftonline.com/"),
                java.net.URI.create(graph.url()),
                "outlook.office365.com",
                993,
                M365Fixture.resource("server.crt"),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                3,
                Duration.ofSeconds(60));
        String token = jwt(roles);
        AccessTokens tokens =
                new AccessTokens(properties, ClientCredentialFactory.createFromSecret(M365Fixture.SECRET), null) {
                    @Override
                    public String graphToken() {
                        return token;
                    }

                    @Override
                    public String freshGraphToken() {
                        return token;
                    }
                };
        return new GraphTenant(
                new GraphClient(
                        properties,
                        tokens,
                        TrustMaterial.sslContext(properties.trustCertificateFile())
                                .orElseThrow(),
                        sleeper),
                properties);
    }

    @Test
    void aCutoversTenantStepsGoThroughInOrder() {
        GraphTenant tenant = tenant(ALL_ROLES, new M365Fixture.RecordingSleeper());

        String txt = tenant.addDomain("contoso.com");
        assertThat(txt).startsWith("MS=ms");
        assertThat(tenant.addDomain("contoso.com"))
                .as("adding again is harmless")
                .isEqualTo(txt);
        assertThat(tenant.verifyDomain("contoso.com").verified()).isFalse();
        assertThat(tenant.verifyDomain("contoso.com").detail())
                .contains("The TXT record for contoso.com was not found in DNS", txt);
        assertThatThrownBy(() -> tenant.createUser("user01@contoso.com", "User 1"))
                .as("a user of an unverified domain")
                .hasMessageContaining("verified domain names");

        dns.put("contoso.com", List.of("v=spf1 -all", txt));
        assertThat(tenant.verifyDomain("contoso.com").verified()).isTrue();
        assertThat(tenant.verifiedDomains()).contains("contoso.com", "contoso.onmicrosoft.com");
        assertThat(tenant.mxTarget("contoso.com"))
                .isEqualTo(graph.mxTarget("contoso.com").orElseThrow())
                .endsWith(".mx.microsoft");

        List<String> staff = List.of("user01@contoso.com", "user02@contoso.com", "user03@contoso.com", "x@contoso.com");
        assertThat(tenant.missingUsers(staff)).containsExactlyElementsOf(staff);
        staff.forEach(address -> tenant.createUser(address, null));
        assertThat(tenant.missingUsers(staff)).isEmpty();
        assertThat(tenant.initialDomain()).isEqualTo("contoso.onmicrosoft.com");
        assertThat(tenant.cloudRoutingAddress("user02@contoso.com")).contains("user02@contoso.onmicrosoft.com");
        assertThat(tenant.cloudRoutingAddress("nobody@contoso.com")).isEmpty();

        LicenceResult licences = tenant.assignLicences(staff);
        assertThat(licences.licensed()).hasSize(3);
        assertThat(licences.unlicensed()).hasSize(1);
        assertThat(licences.detail()).contains("no free units left");
        assertThat(tenant.unlicensedUsers(staff)).hasSize(1);
        assertThat(graph.user("user01@contoso.com")
                        .orElseThrow()
                        .path("usageLocation")
                        .asText())
                .as("given at creation (mailferry.m365.usage-location), as licensing requires")
                .isEqualTo("DE");

        assertThat(tenant.missingMailEnabledSecurityGroups(List.of("Sales Team", "Finance")))
                .extracting(MissingSecurityGroup::name)
                .containsExactly("Sales Team", "Finance");
        graph.newDistributionGroup("Sales Team");
        assertThat(tenant.missingMailEnabledSecurityGroups(List.of("Sales Team", "Finance")))
                .extracting(MissingSecurityGroup::name)
                .containsExactly("Finance");

        assertThat(graph.calls())
                .as("domain first, users after verification, licences last")
                .containsSubsequence(
                        "POST /domains",
                        "POST /domains/contoso.com/verify",
                        "GET /domains/contoso.com/serviceConfigurationRecords",
                        "POST /users",
                        "GET /subscribedSkus",
                        "POST /users/"
                                + graph.user("user01@contoso.com")
                                        .orElseThrow()
                                        .path("id")
                                        .asText() + "/assignLicense",
                        "GET /groups");
    }

    @Test
    void aTokenWithoutAPermissionIsRefusedAndThePermissionNamed() {
        GraphTenant readOnly = tenant(Set.of("Domain.Read.All", "User.Read.All"), new M365Fixture.RecordingSleeper());

        assertThat(readOnly.verifiedDomains()).containsExactly("contoso.onmicrosoft.com");
        assertThatThrownBy(() -> readOnly.addDomain("contoso.com")).hasMessageContaining("Domain.ReadWrite.All");
        assertThatThrownBy(readOnly::initialDomain).hasMessageContaining("Organization.Read.All");
    }

    @Test
    void throttlingAndPagingAreHandled() {
        M365Fixture.RecordingSleeper sleeper = new M365Fixture.RecordingSleeper();
        GraphTenant tenant = tenant(ALL_ROLES, sleeper);
        List<String> many = IntStream.rangeClosed(1, 250)
                .mapToObj(i -> String.format("user%03d@contoso.com", i))
                .toList();
        many.forEach(address -> graph.synchronisedUser(address, null));
        graph.maxPage(100);
        graph.throttleEvery(2);

        assertThat(tenant.missingUsers(many)).isEmpty();
        assertThat(tenant.missingUsers(List.of("user001@contoso.com", "ghost@contoso.com")))
                .containsExactly("ghost@contoso.com");
        int before = graph.calls().size();
        Map<String, String> routing = tenant.cloudRoutingAddresses(many);
        assertThat(routing).hasSize(250).containsEntry("user250@contoso.com", "user250@contoso.onmicrosoft.com");
        assertThat(graph.calls().size() - before)
                .as("one listing of the users in pages (and the 429s), not 250 look-ups")
                .isLessThan(12);
        assertThat(sleeper.waits).as("each 429's Retry-After").isNotEmpty().allMatch(Duration.ofSeconds(1)::equals);
        assertThat(graph.calls().stream().filter("GET /users"::equals).count())
                .as("three pages of users (and retries)")
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void aTokenSignedByAnotherKeyOrForAnotherResourceIsRefused() {
        KeyPair other = rsa();
        AppTokenCheck check = new AppTokenCheck(
                kid -> "test-key".equals(kid) ? signing.getPublic() : null, AppTokenCheck.graphAudiences());

        assertThatThrownBy(() -> check.roles("Bearer " + jwt(other, "https://graph.microsoft.com", ALL_ROLES)))
                .hasMessageContaining("Invalid signature");
        assertThatThrownBy(() -> check.roles("Bearer " + jwt(signing, "https://outlook.office365.com", ALL_ROLES)))
                .hasMessageContaining("Invalid audience");
        assertThat(check.roles("Bearer " + jwt(ALL_ROLES))).isEqualTo(ALL_ROLES);
    }

    private String jwt(Set<String> roles) {
        return jwt(signing, "https://graph.microsoft.com", roles);
    }

    private static String jwt(KeyPair key, String audience, Set<String> roles) {
        try {
            ObjectMapper json = new ObjectMapper();
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String header =
                    b64.encodeToString(json.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT", "kid", "test-key")));
            String claims = b64.encodeToString(json.writeValueAsBytes(Map.of(
                    "aud",
                    audience,
                    "iss",
                    "https://sts.windows.net/" + M365Fixture.TENANT + "/",
                    "exp",
                    Instant.now().plusSeconds(3600).getEpochSecond(),
                    "roles",
                    roles)));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key.getPrivate());
            rs256.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + b64.encodeToString(rs256.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
