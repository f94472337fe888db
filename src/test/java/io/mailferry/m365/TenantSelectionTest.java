package io.mailferry.m365;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.mailferry.dns.DnsLookupService;
import io.mailferry.mailbox.TestDatabase;
import io.mailferry.secrets.SecretStore;
import io.mailferry.tenant.InMemoryTenant;
import io.mailferry.tenant.InMemoryTenantConnection;
import io.mailferry.tenant.Tenant;
import io.mailferry.tenant.TenantConnection;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code mailferry.m365.tenant-id} decides which Tenant the application has, and the Graph one starts without
 * calling Microsoft. The last test goes the whole way over HTTPS: Entra's token endpoint and Graph stood in for by
 * one local server whose certificate only {@code mailferry.m365.trust-certificate-file} makes trusted.
 */
@ExtendWith(OutputCaptureExtension.class)
class TenantSelectionTest {
    @RegisterExtension
    static WireMockExtension microsoft = M365Fixture.httpsServer();

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Wiring.class);

    @Test
    void withoutATenantIdTheInMemoryTenantServes() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(Tenant.class).hasSingleBean(InMemoryTenant.class);
            assertThat(context.getBean(TenantConnection.class)).isInstanceOf(InMemoryTenantConnection.class);
            assertThat(context).doesNotHaveBean(GraphTenant.class).doesNotHaveBean(AccessTokens.class);
            assertThat(context)
                    .as("no Exchange Online target without a tenant")
                    .doesNotHaveBean(io.mailferry.mailbox.XOAuth2Access.class)
                    .doesNotHaveBean(ExchangeOnlineLogin.class);
        });
        runner.withPropertyValues("mailferry.m365.tenant-id= ")
                .run(context -> assertThat(context).hasSingleBean(InMemoryTenant.class));
    }

    @Test
    void aTenantIdSelectsGraphAndStartsWhileMicrosoftIsUnreachable() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        runner.withPropertyValues(
                        "mailferry.m365.tenant-id=" + M365Fixture.TENANT,
                        "mailferry.m365.client-id=" + M365Fixture.CLIENT,
                        "mailferry.m365.client-certificate-file=" + M365Fixture.resource("client.pem"),
                        "mailferry.m365.authority=https://127.0.0.1:" + closed + "/",
                        "mailferry.m365.graph-url=https://127.0.0.1:" + closed + "/v1.0")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(Tenant.class).hasSingleBean(GraphTenant.class);
                    assertThat(context).doesNotHaveBean(InMemoryTenant.class);
                    assertThat(context).hasSingleBean(ExchangeOnlineLogin.class);
                    assertThat(context.getBean(io.mailferry.mailbox.XOAuth2Access.class)
                                    .server())
                            .as("Exchange Online is the IMAP target, with TLS")
                            .isEqualTo(new io.mailferry.mailbox.ImapServer(
                                    "outlook.office365.com", 993, io.mailferry.mailbox.ImapSecurity.TLS));
                    assertThat(context.getBean(TenantConnection.class))
                            .as("the connection checks go to the same tenant")
                            .isInstanceOf(GraphTenantConnection.class);
                });
    }

    @Test
    void aCredentialFileThatCannotBeUsedStopsTheStart() {
        runner.withPropertyValues(
                        "mailferry.m365.tenant-id=" + M365Fixture.TENANT,
                        "mailferry.m365.client-id=" + M365Fixture.CLIENT,
                        "mailferry.m365.client-certificate-file=" + M365Fixture.resource("mismatched.pem"))
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("mismatched.pem"));
    }

    @Test
    void theGraphTenantGetsItsTokenFromEntraAndCallsGraphWithIt(CapturedOutput output) {
        String tokenPath = "/" + M365Fixture.TENANT + "/oauth2/v2.0/token";
        microsoft.stubFor(post(tokenPath)
                .willReturn(okJson("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,"
                        + "\"access_token\":\"eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.graph.sig\"}")));
        microsoft.stubFor(get(urlPathEqualTo("/v1.0/organization"))
                .willReturn(okJson("{\"value\":[{\"verifiedDomains\":[{\"isInitial\":true,"
                        + "\"name\":\"contoso.onmicrosoft.com\"}]}]}")));
        String base = "https://localhost:" + microsoft.getHttpsPort();

        runner.withPropertyValues(
                        "mailferry.m365.tenant-id=" + M365Fixture.TENANT,
                        "mailferry.m365.client-id=" + M365Fixture.CLIENT,
                        "mailferry.m365.client-secret=" + M365Fixture.SECRET,
                        "mailferry.m365.authority=" + base + "/",
                        "mailferry.m365.graph-url=" + base + "/v1.0",
                        "mailferry.m365.trust-certificate-file=" + M365Fixture.resource("server.crt"))
                .run(context -> {
                    assertThat(microsoft.getAllServeEvents())
                            .as("nothing is called at start")
                            .isEmpty();

                    assertThat(context.getBean(Tenant.class).initialDomain()).isEqualTo("contoso.onmicrosoft.com");
                });

        microsoft.verify(getRequestedFor(urlPathEqualTo("/v1.0/organization"))
                .withHeader("Authorization", equalTo("Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.graph.sig")));
        assertThat(output.getAll())
                .as("the log names the tenant but holds neither the token nor the secret")
                .contains("Using the Microsoft 365 tenant " + M365Fixture.TENANT)
                .doesNotContain("graph.sig")
                .doesNotContain(M365Fixture.SECRET);
    }

    @Configuration
    @ComponentScan(basePackageClasses = {Tenant.class, GraphTenant.class})
    static class Wiring {
        @Bean
        DnsLookupService dns() {
            return mock(DnsLookupService.class);
        }

        @Bean
        SecretStore secrets() {
            return new SecretStore(new JdbcTemplate(TestDatabase.migrated()), TestDatabase.secretStoreProperties());
        }
    }
}
