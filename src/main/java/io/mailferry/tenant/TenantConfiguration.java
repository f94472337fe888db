package io.mailferry.tenant;

import io.mailferry.dns.DnsLookupService;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The tenant Mailferry talks to. Only the in-memory one exists so far (the demo's and the tests'); it verifies
 * domains the way Microsoft 365 does, by looking up the TXT record through our DNS service.
 */
@Configuration
@EnableConfigurationProperties(TenantProperties.class)
class TenantConfiguration {
    @Bean
    InMemoryTenant inMemoryTenant(TenantProperties properties, DnsLookupService dns) {
        LoggerFactory.getLogger(TenantConfiguration.class)
                .info(
                        "Using the in-memory Microsoft 365 tenant '{}' ({} licences)",
                        properties.id(),
                        properties.licences());
        return new InMemoryTenant(properties, dns::txt);
    }
}
