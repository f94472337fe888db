package io.mailferry.m365;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Graph client's contract with Graph: tokens, throttling, paging and the error envelope. */
class GraphClientTest {
    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final M365Fixture.RecordingSleeper sleeper = new M365Fixture.RecordingSleeper();
    private M365Fixture.CountingTokens tokens;
    private GraphClient client;

    @BeforeEach
    void client() {
        M365Properties properties = M365Fixture.properties(graph.baseUrl() + "/v1.0");
        tokens = new M365Fixture.CountingTokens(properties);
        client = new GraphClient(properties, tokens, null, sleeper);
    }

    @Test
    void sendsTheAppTokenAndReadsTheAnswer() {
        graph.stubFor(
                get("/v1.0/domains/contoso.com").willReturn(okJson("{\"id\":\"contoso.com\",\"isVerified\":true}")));

        JsonNode domain = client.get(GraphCall.READ_DOMAINS, "/domains/{id}", "contoso.com");

        assertThat(domain.path("isVerified").asBoolean()).isTrue();
        graph.verify(getRequestedFor(urlEqualTo("/v1.0/domains/contoso.com"))
                .withHeader("Authorization", equalTo("Bearer token-1")));
    }

    @Test
    void waitsAsLongAsRetryAfterSaysWhenThrottled() {
        graph.stubFor(get("/v1.0/subscribedSkus")
                .inScenario("throttled")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "7")
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"error":{"code":"TooManyRequests","message":"Too many requests",\
                                "innerError":{"request-id":"r-1","date":"2026-12-06T10:00:00"}}}"""))
                .willSetStateTo("calm"));
        graph.stubFor(get("/v1.0/subscribedSkus")
                .inScenario("throttled")
                .whenScenarioStateIs("calm")
                .willReturn(okJson("{\"value\":[{\"skuPartNumber\":\"ENTERPRISEPREMIUM\"}]}")));

        List<JsonNode> skus = client.list(GraphCall.READ_SUBSCRIBED_SKUS, Map.of(), "/subscribedSkus");

        assertThat(skus).hasSize(1);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void backsOffWhenUnavailableWithoutRetryAfterAndGivesUpAfterTheLastRetry() {
        graph.stubFor(get("/v1.0/organization").willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> client.get(GraphCall.READ_ORGANIZATION, "/organization"))
                .isInstanceOf(GraphException.class)
                .hasMessageContaining("503")
                .hasMessageContaining("Gave up after 4 tries")
                .satisfies(e -> assertThat(((GraphException) e).status()).isEqualTo(503));
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
        graph.verify(4, getRequestedFor(urlEqualTo("/v1.0/organization")));
    }

    @Test
    void doesNotSleepThroughARetryAfterLongerThanTheMaximum() {
        graph.stubFor(
                get("/v1.0/organization").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "600")));

        assertThatThrownBy(() -> client.get(GraphCall.READ_ORGANIZATION, "/organization"))
                .isInstanceOf(GraphException.class)
                .hasMessageContaining("asks to wait 600 s")
                .hasMessageContaining("mailferry.m365.max-retry-wait");
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void followsNextLinkVerbatimAndSendsTheHeadersWithEveryPage() {
        String next = graph.baseUrl() + "/v1.0/users?$filter=x&$skiptoken=X%274453707402000100000017";
        graph.stubFor(get(urlPathEqualTo("/v1.0/users"))
                .withQueryParam("$top", equalTo("2"))
                .willReturn(
                        okJson("{\"value\":[{\"id\":\"1\"},{\"id\":\"2\"}],\"@odata.nextLink\":\"" + next + "\"}")));
        graph.stubFor(get(urlEqualTo("/v1.0/users?$filter=x&$skiptoken=X%274453707402000100000017"))
                .willReturn(okJson("{\"value\":[{\"id\":\"3\"}]}")));

        List<JsonNode> users =
                client.list(GraphCall.READ_USERS, Map.of("ConsistencyLevel", "eventual"), "/users?$top=2");

        assertThat(users).extracting(u -> u.path("id").asText()).containsExactly("1", "2", "3");
        graph.verify(
                2, getRequestedFor(urlPathEqualTo("/v1.0/users")).withHeader("ConsistencyLevel", equalTo("eventual")));
    }

    @Test
    void aRefusedTokenIsReplacedOnceByAFreshOne() {
        graph.stubFor(get("/v1.0/domains")
                .withHeader("Authorization", equalTo("Bearer token-1"))
                .willReturn(aResponse().withStatus(401)));
        graph.stubFor(get("/v1.0/domains")
                .withHeader("Authorization", equalTo("Bearer token-2"))
                .willReturn(okJson("{\"value\":[]}")));

        assertThat(client.list(GraphCall.READ_DOMAINS, Map.of(), "/domains")).isEmpty();
        assertThat(tokens.fresh).isEqualTo(1);
    }

    @Test
    void aTokenRefusedTwiceSaysWhatToCheck() {
        graph.stubFor(get("/v1.0/domains").willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> client.list(GraphCall.READ_DOMAINS, Map.of(), "/domains"))
                .hasMessageContaining("401")
                .hasMessageContaining("mailferry.m365.tenant-id")
                .hasMessageContaining("admin consent")
                .hasMessageNotContaining("token-");
        assertThat(tokens.fresh).isEqualTo(1);
    }

    @Test
    void aForbiddenCallNamesTheMissingApplicationPermission() {
        graph.stubFor(get("/v1.0/organization?$select=verifiedDomains")
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"error":{"code":"Authorization_RequestDenied",\
                                "message":"Insufficient privileges to complete the operation.",\
                                "innerError":{"date":"2026-12-06T10:00:00","request-id":"9f2e-403",\
                                "client-request-id":"9f2e-403"}}}""")));

        assertThatThrownBy(() -> client.get(GraphCall.READ_ORGANIZATION, "/organization?$select=verifiedDomains"))
                .isInstanceOf(GraphException.class)
                .hasMessageContaining("read the organization's initial domain")
                .hasMessageContaining("403 Authorization_RequestDenied: Insufficient privileges")
                .hasMessageContaining("application permission Organization.Read.All")
                .hasMessageContaining(M365Fixture.CLIENT)
                .hasMessageContaining("Grant admin consent")
                .hasMessageContaining("request-id 9f2e-403");
        assertThat(sleeper.waits).as("a refusal is not retried").isEmpty();
    }

    @Test
    void notFoundKeepsGraphsCodeAndMessage() {
        graph.stubFor(get("/v1.0/domains/fabrikam.com")
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"error":{"code":"Request_ResourceNotFound","message":"Resource 'fabrikam.com' does \
                                not exist or one of its queried reference-property objects are not present.",\
                                "innerError":{"date":"2026-12-06T10:00:00","request-id":"r-404"}}}""")));

        assertThatThrownBy(() -> client.get(GraphCall.READ_DOMAINS, "/domains/{id}", "fabrikam.com"))
                .isInstanceOfSatisfying(GraphException.class, e -> {
                    assertThat(e.notFound()).isTrue();
                    assertThat(e.code()).isEqualTo("Request_ResourceNotFound");
                    assertThat(e.graphMessage()).startsWith("Resource 'fabrikam.com' does not exist");
                });
    }

    @Test
    void variablesAreEncodedSoTheyCannotChangeTheQuery() {
        graph.stubFor(get(urlPathEqualTo("/v1.0/users"))
                .withQueryParam("$filter", equalTo("mail eq 'o''neil+news@contoso.com' or x eq '&$top=1'"))
                .willReturn(okJson("{\"value\":[{\"id\":\"7\"}]}")));

        List<JsonNode> users = client.list(
                GraphCall.READ_USERS,
                Map.of(),
                "/users?$filter={f}",
                "mail eq 'o''neil+news@contoso.com' or x eq '&$top=1'");

        assertThat(users).hasSize(1);
    }

    @Test
    void aSilentServerIsATimeoutNotAHang() {
        graph.stubFor(get("/v1.0/organization").willReturn(okJson("{}").withFixedDelay(5_000)));

        long start = System.nanoTime();
        assertThatThrownBy(() -> client.get(GraphCall.READ_ORGANIZATION, "/organization"))
                .isInstanceOf(GraphException.class)
                .hasMessageContaining("no answer in time");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void retryAfterMayBeAnHttpDate() {
        var headers = new org.springframework.http.HttpHeaders();
        headers.set("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT");
        assertThat(GraphClient.retryAfter(headers)).contains(Duration.ZERO);
        headers.set("Retry-After", "soon");
        assertThat(GraphClient.retryAfter(headers)).isEmpty();
    }
}
