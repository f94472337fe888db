package io.mailferry.tenant;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mailferry.tenant.*}: {@code id} keeps verification tokens stable per tenant (as Microsoft's are), and
 * {@code licences} is the size of the licence pool, so that running out can be rehearsed. {@code single-sign-on}
 * says the organisation signs in through AD FS (or another federation), where users cannot be made to change their
 * password in Microsoft 365, so mailbox lists must say {@code ForceChangePassword=False}.
 */
@ConfigurationProperties("mailferry.tenant")
public record TenantProperties(@DefaultValue("mailferry-demo-tenant") String id, @DefaultValue("10000") int licences,
        @DefaultValue("false") boolean singleSignOn) {
    @ConstructorBinding
    public TenantProperties {
        if (licences < 0) {
            throw new IllegalArgumentException("mailferry.tenant.licences must not be negative, was " + licences);
        }
    }

    /** A tenant without single sign-on. */
    public TenantProperties(String id, int licences) {
        this(id, licences, false);
    }
}
