package io.mailferry.tenant;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mailferry.tenant.*}: {@code id} keeps verification tokens stable per tenant (as Microsoft's are), and
 * {@code licences} is the size of the licence pool, so that running out can be rehearsed.
 */
@ConfigurationProperties("mailferry.tenant")
public record TenantProperties(@DefaultValue("mailferry-demo-tenant") String id, @DefaultValue("10000") int licences) {
    public TenantProperties {
        if (licences < 0) {
            throw new IllegalArgumentException("mailferry.tenant.licences must not be negative, was " + licences);
        }
    }
}
