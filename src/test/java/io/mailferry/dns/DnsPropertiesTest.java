package io.mailferry.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class DnsPropertiesTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

    @Test
    void defaults() {
        runner.run(context -> {
            DnsProperties dns = context.getBean(DnsProperties.class);
            assertThat(dns.resolvers()).isEmpty();
            assertThat(dns.nameserverPort()).isEqualTo(53);
            assertThat(dns.timeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(dns.update().configured()).isFalse();
            assertThat(dns.update().signed()).isFalse();
            assertThat(dns.update().tsigAlgorithm()).isEqualTo("hmac-sha256");
        });
    }

    @Test
    void demoStyleSettingsBind() {
        runner.withPropertyValues(
                        "mailferry.dns.resolvers=127.0.0.1:10053",
                        "mailferry.dns.nameserver-port=10053",
                        "mailferry.dns.timeout=PT2S",
                        "mailferry.dns.update.server=127.0.0.1:10053",
                        "mailferry.dns.update.tsig-key-name=mailferry",
                        "mailferry.dns.update.tsig-algorithm=hmac-sha512",
                        "mailferry.dns.update.tsig-secret-ref=secret:abc")
                .run(context -> {
                    DnsProperties dns = context.getBean(DnsProperties.class);
                    assertThat(dns.resolvers()).containsExactly("127.0.0.1:10053");
                    assertThat(dns.nameserverPort()).isEqualTo(10053);
                    assertThat(dns.timeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(dns.update())
                            .isEqualTo(new DnsProperties.DynamicUpdate(
                                    "127.0.0.1:10053", "mailferry", "hmac-sha512", "secret:abc"));
                });
    }

    @EnableConfigurationProperties(DnsProperties.class)
    static class Config {}
}
