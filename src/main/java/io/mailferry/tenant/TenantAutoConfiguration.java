package io.mailferry.tenant;

import java.util.List;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Defaults that step aside when the application supplies its own: a dnsjava {@link TxtLookup} (the dns package
 * usually provides one) and the {@link InMemoryTenant}. It is an auto-configuration, listed in
 * {@code META-INF/spring/...AutoConfiguration.imports}, because only there is {@code @ConditionalOnMissingBean}
 * evaluated after all the application's own beans are known.
 */
@AutoConfiguration
@EnableConfigurationProperties(TenantProperties.class)
public class TenantAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(TxtLookup.class)
    public TxtLookup dnsjavaTxtLookup(Environment environment) {
        // Binder, not @Value: a YAML list arrives as resolvers[0], resolvers[1], which @Value cannot see
        List<String> resolvers = Binder.get(environment)
                .bind("mailferry.dns.resolvers", Bindable.listOf(String.class)).orElse(List.of());
        return new DnsjavaTxtLookup(resolvers);
    }

    @Bean
    @ConditionalOnMissingBean(Tenant.class)
    public InMemoryTenant inMemoryTenant(TenantProperties properties, TxtLookup txtLookup) {
        LoggerFactory.getLogger(TenantAutoConfiguration.class)
                .info("Using the in-memory Microsoft 365 tenant '{}' ({} licences)", properties.id(),
                        properties.licences());
        return new InMemoryTenant(properties, txtLookup);
    }
}
