package io.mailferry.m365;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class M365PropertiesTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Config.class)
            .withPropertyValues(
                    "mailferry.m365.tenant-id=" + M365Fixture.TENANT, "mailferry.m365.client-id=" + M365Fixture.CLIENT);

    @Test
    void withoutATenantNothingIsCheckedBecauseNothingIsUsed() {
        new ApplicationContextRunner()
                .withUserConfiguration(Config.class)
                .withPropertyValues("mailferry.m365.client-secret=half-configured")
                .run(context -> assertThat(context.getBean(M365Properties.class).tenantId())
                        .isNull());
    }

    @Test
    void microsoftsHostsAreTheDefaults() {
        runner.withPropertyValues(
                        "mailferry.m365.client-secret=" + M365Fixture.SECRET, "mailferry.m365.usage-location=de")
                .run(context -> {
                    M365Properties m365 = context.getBean(M365Properties.class);
                    assertThat(m365.authority()).isEqualTo(URI.create("https://login.microsoftonline.com/"));
                    assertThat(m365.tenantAuthority())
                            .isEqualTo("https://login.microsoftonline.com/" + M365Fixture.TENANT + "/");
                    assertThat(m365.microsoftAuthority()).isTrue();
                    assertThat(m365.graphUrl()).isEqualTo(URI.create("https://graph.microsoft.com/v1.0"));
                    assertThat(m365.imapHost()).isEqualTo("outlook.office365.com");
                    assertThat(m365.imapPort()).isEqualTo(993);
                    assertThat(m365.usageLocation()).isEqualTo("DE");
                    assertThat(m365.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(m365.readTimeout()).isEqualTo(Duration.ofSeconds(60));
                    assertThat(m365.trustCertificateFile()).isNull();
                });
    }

    @Test
    void aTestRigOnLoopbackMayUsePlainHttpForGraphOnly() {
        runner.withPropertyValues(
                        "mailferry.m365.client-secret=x",
                        "mailferry.m365.authority=https://127.0.0.1:39443",
                        "mailferry.m365.graph-url=http://127.0.0.1:39080/v1.0")
                .run(context -> {
                    M365Properties m365 = context.getBean(M365Properties.class);
                    assertThat(m365.tenantAuthority()).isEqualTo("https://127.0.0.1:39443/" + M365Fixture.TENANT + "/");
                    assertThat(m365.microsoftAuthority())
                            .as("no instance discovery for a rig")
                            .isFalse();
                });
        assertRefused(
                runner.withPropertyValues(
                        "mailferry.m365.client-secret=x", "mailferry.m365.graph-url=http://graph.example.com/v1.0"),
                "mailferry.m365.graph-url must use https");
        assertRefused(
                runner.withPropertyValues(
                        "mailferry.m365.client-secret=x", "mailferry.m365.authority=http://127.0.0.1:39443/"),
                "mailferry.m365.authority must use https");
    }

    @Test
    void missingOrDoubleCredentialsAndBadValuesAreRefusedByName() {
        assertRefused(runner, "needs a credential: set mailferry.m365.client-certificate-file");
        assertRefused(
                runner.withPropertyValues(
                        "mailferry.m365.client-secret=x", "mailferry.m365.client-certificate-file=/tmp/app.pem"),
                "not both");
        assertRefused(
                new ApplicationContextRunner()
                        .withUserConfiguration(Config.class)
                        .withPropertyValues(
                                "mailferry.m365.tenant-id=" + M365Fixture.TENANT, "mailferry.m365.client-secret=x"),
                "mailferry.m365.client-id is missing");
        assertRefused(
                runner.withPropertyValues("mailferry.m365.client-secret=x", "mailferry.m365.tenant-id=../common"),
                "mailferry.m365.tenant-id must be");
        assertRefused(
                runner.withPropertyValues("mailferry.m365.client-secret=x", "mailferry.m365.usage-location=Germany"),
                "two-letter ISO 3166");
    }

    @Test
    void toStringShowsNeitherSecretNorPassword() {
        M365Properties m365 = M365Fixture.properties("https://graph.microsoft.com/v1.0");
        M365Properties pfx = new M365Properties(
                M365Fixture.TENANT,
                M365Fixture.CLIENT,
                M365Fixture.resource("client.pfx"),
                "pfx-password",
                null,
                null,
                null,
                m365.authority(),
                m365.graphUrl(),
                "outlook.office365.com",
                993,
                null,
                m365.connectTimeout(),
                m365.readTimeout(),
                3,
                m365.maxRetryWait());

        assertThat(m365.toString()).doesNotContain(M365Fixture.SECRET).contains("clientSecret=***");
        assertThat(pfx.toString()).doesNotContain("pfx-password").contains("clientCertificatePassword=***");
    }

    private static void assertRefused(ApplicationContextRunner runner, String message) {
        runner.run(context ->
                assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining(message));
    }

    @EnableConfigurationProperties(M365Properties.class)
    static class Config {}
}
