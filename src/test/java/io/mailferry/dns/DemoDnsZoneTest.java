package io.mailferry.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailferry.demo.DemoDnsConfiguration;
import io.mailferry.dns.server.InMemoryDnsServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The demo zone as the runbook meets it: pre-cutover records, no verification TXT, unsigned updates allowed. */
class DemoDnsZoneTest {

    @Test
    void demoZoneIsBeforeTheCutoverAndAcceptsMailferrysChanges() {
        try (InMemoryDnsServer server = DemoDnsConfiguration.server(0).start()) {
            String at = server.hostAndPort();
            DnsProperties properties = DnsTestSupport.properties(server.port(), Duration.ofSeconds(2), at, at);
            DnsLookupService lookups = new DnsLookupService(properties);
            DnsChangeService changes = new DnsChangeService(properties, DnsTestSupport.secretStore());

            assertThat(lookups.authoritativeServers("contoso.com")).containsExactly(at, at);
            assertThat(lookups.mx("contoso.com"))
                    .as("a short TTL keeps the demo's MX wait short")
                    .containsExactly(new MxRecord(10, "mail.contoso.com", 60));
            assertThat(lookups.checkCname("autodiscover.contoso.com", "mail.contoso.com")
                            .allMatch())
                    .isTrue();
            assertThat(lookups.txt("contoso.com")).containsExactly("v=spf1 mx -all");
            assertThat(lookups.checkTxt("contoso.com", "MS=ms12345678").found()).isFalse();
            assertThat(lookups.ttlBeforeChange("autodiscover.contoso.com", "CNAME", "A")
                            .seconds())
                    .as("every record the MX step changes has the short TTL")
                    .isEqualTo(60);
            assertThat(lookups.ttlBeforeChange("contoso.com", "TXT").seconds()).isEqualTo(60);

            changes.publishTxt("contoso.com", "MS=ms12345678", 3600);
            changes.replaceMx("contoso.com", MicrosoftRecords.mxHost("contoso.com"), 0, 3600);
            changes.setCname("autodiscover.contoso.com", MicrosoftRecords.AUTODISCOVER_TARGET, 3600);

            assertThat(lookups.checkTxt("contoso.com", "MS=ms12345678").found()).isTrue();
            assertThat(lookups.ttlBeforeChange("contoso.com", "TXT").seconds())
                    .as("the SPF record keeps its TTL")
                    .isEqualTo(60);
            assertThat(lookups.checkMx("contoso.com", MicrosoftRecords.mxHost("contoso.com"))
                            .allMatch())
                    .isTrue();
            assertThat(lookups.checkCname("autodiscover.contoso.com", "autodiscover.outlook.com")
                            .allMatch())
                    .isTrue();
        }
    }

    @Test
    void demoProfileStartsTheServerAndStopsItWithTheContext() {
        InMemoryDnsServer[] seen = new InMemoryDnsServer[1];
        new ApplicationContextRunner()
                .withInitializer(context -> context.getEnvironment().setActiveProfiles("demo"))
                .withPropertyValues("mailferry.demo.dns.port=0")
                .withUserConfiguration(DemoDnsConfiguration.class)
                .run(context -> {
                    seen[0] = context.getBean(InMemoryDnsServer.class);
                    assertThat(seen[0].isRunning()).isTrue();
                    assertThat(seen[0].hostAndPort()).startsWith("127.0.0.1:");
                });
        assertThat(seen[0].isRunning()).isFalse();
    }

    @Test
    void withoutTheDemoProfileThereIsNoDnsServer() {
        new ApplicationContextRunner()
                .withUserConfiguration(DemoDnsConfiguration.class)
                .run(context -> assertThat(context).doesNotHaveBean(InMemoryDnsServer.class));
    }
}
