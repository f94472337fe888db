package io.mailferry.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The defaults appear when nothing else is there and step aside for the dns package's lookup. */
class TenantAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TenantAutoConfiguration.class));

    @Test
    void providesDnsjavaLookupAndInMemoryTenantByDefault() {
        runner.withPropertyValues("mailferry.tenant.licences=7", "mailferry.dns.resolvers[0]=127.0.0.1:5353")
                .run(context -> {
                    assertThat(context).hasSingleBean(DnsjavaTxtLookup.class).hasSingleBean(InMemoryTenant.class);
                    assertThat(context.getBean(TenantProperties.class).licences()).isEqualTo(7);
                    assertThat(context.getBean(TenantProperties.class).id()).isEqualTo("mailferry-demo-tenant");
                });
    }

    @Test
    void stepsAsideForAnotherTxtLookup() {
        TxtLookup fromDnsPackage = name -> List.of("MS=ms00000000");
        runner.withBean(TxtLookup.class, () -> fromDnsPackage).run(context -> {
            assertThat(context).doesNotHaveBean(DnsjavaTxtLookup.class);
            assertThat(context.getBean(TxtLookup.class)).isSameAs(fromDnsPackage);
            assertThat(context).hasSingleBean(Tenant.class);
        });
    }
}
