package io.mailferry.tenant;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mailferry.tenant.*}: {@code id} keeps verification tokens stable per tenant (as Microsoft's are), and
 * {@code licences} is the size of the licence pool, so that running out can be rehearsed. {@code single-sign-on}
 * says the organisation signs in through AD FS (or another federation), where users cannot be made to change their
 * password in Microsoft 365, so mailbox lists must say {@code ForceChangePassword=False}. {@code initial-domain} is
 * the tenant's own {@code <name>.onmicrosoft.com} domain; it has no default, because mail forwarded to the wrong
 * tenant would be lost, so only the steps that need it (the staged migration's conversion) fail without it.
 */
@ConfigurationProperties("mailferry.tenant")
public record TenantProperties(
        @DefaultValue("mailferry-demo-tenant") String id,
        @DefaultValue("10000") int licences,
        @DefaultValue("false") boolean singleSignOn,
        String initialDomain) {
    @ConstructorBinding
    public TenantProperties {
        if (licences < 0) {
            throw new IllegalArgumentException("mailferry.tenant.licences must not be negative, was " + licences);
        }
        if (initialDomain != null && !initialDomain.isBlank()) {
            try {
                initialDomain = TenantNames.domain(initialDomain);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("mailferry.tenant.initial-domain: " + e.getMessage(), e);
            }
        } else {
            initialDomain = null;
        }
    }

    /** A tenant without an initial domain configured. */
    public TenantProperties(String id, int licences, boolean singleSignOn) {
        this(id, licences, singleSignOn, null);
    }

    /** A tenant without single sign-on. */
    public TenantProperties(String id, int licences) {
        this(id, licences, false);
    }
}
