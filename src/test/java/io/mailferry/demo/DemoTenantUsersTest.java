package io.mailferry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailferry.tenant.InMemoryTenant;
import io.mailferry.tenant.TenantProperties;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoTenantUsersTest {

    @Test
    void demoUsersExistInTheTenantButHoldNoLicenceYet() {
        InMemoryTenant tenant = new InMemoryTenant(new TenantProperties("demo", 10), name -> List.of());
        DemoProperties properties = DemoProperties.onFreePorts(5);

        new DemoTenantUsers(tenant, properties).afterPropertiesSet();

        assertThat(properties.addresses())
                .hasSize(5)
                .allSatisfy(a -> assertThat(tenant.userExists(a)).isTrue());
        assertThat(tenant.unlicensedUsers(properties.addresses())).hasSize(5);
        assertThat(tenant.assignLicences(properties.addresses()).licensed()).hasSize(5);
    }
}
