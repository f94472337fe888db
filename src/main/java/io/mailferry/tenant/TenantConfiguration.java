package io.mailferry.tenant;

import io.mailferry.dns.DnsLookupService;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The in-memory tenant (the demo's and the tests'), unless {@code mailferry.m365.tenant-id} selects a real
 * Microsoft 365 tenant, which {@code io.mailferry.m365} then provides. The in-memory one verifies domains the way
 * Microsoft 365 does, by looking up the TXT record through our DNS service.
 */
@Configuration
@EnableConfigurationProperties(TenantProperties.class)
class TenantConfiguration {
    @Bean
    @Conditional(MicrosoftTenantCondition.NotConfigured.class)
    InMemoryTenant inMemoryTenant(TenantProperties properties, DnsLookupService dns) {
        LoggerFactory.getLogger(TenantConfiguration.class)
                .info(
                        "Using the in-memory Microsoft 365 tenant '{}' ({} licences)",
                        properties.id(),
                        properties.licences());
        return new InMemoryTenant(properties, dns::txt);
    }

    @Bean
    @Conditional(MicrosoftTenantCondition.NotConfigured.class)
    InMemoryTenantConnection inMemoryTenantConnection(InMemoryTenant tenant, TenantProperties properties) {
        return new InMemoryTenantConnection(tenant, properties);
    }
}
