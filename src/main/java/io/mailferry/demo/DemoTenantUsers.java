package io.mailferry.demo;

import io.mailferry.tenant.MicrosoftTenantCondition;
import io.mailferry.tenant.Tenant;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Puts the demo users into the tenant at startup, as directory synchronisation would have done before a
 * migration starts (the cloud mail server stand-in knows them for the same reason). Licences are left to the
 * runbook. A node that joins another finds them in the first node's tenant; with {@code mailferry.m365.tenant-id}
 * set, the rig's Graph stand-in has its own users.
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "mailferry.demo.join", havingValue = "false", matchIfMissing = true)
@Conditional(MicrosoftTenantCondition.NotConfigured.class)
public class DemoTenantUsers implements InitializingBean {
    private final Tenant tenant;
    private final DemoProperties properties;

    public DemoTenantUsers(Tenant tenant, DemoProperties properties) {
        this.tenant = tenant;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        for (String address : properties.addresses()) {
            tenant.createUser(address, DemoProperties.displayName(address));
        }
    }
}
