package io.mailferry.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import io.mailferry.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Issue 11, point 6: with {@code mailferry.m365.tenant-id} set, the demo's Microsoft 365 stand-ins give way to the
 * offline rig: no cloud mail server is started and no demo user is pushed into the tenant (which would be the rig's
 * Graph), while the on-premises stand-in still runs.
 */
class DemoWithMicrosoft365RigTest {
    private final Tenant tenant = mock(Tenant.class);

    private final ApplicationContextRunner demo = new ApplicationContextRunner()
            .withPropertyValues(
                    "spring.profiles.active=demo",
                    "mailferry.demo.onprem.imap-port=0",
                    "mailferry.demo.onprem.smtp-port=0",
                    "mailferry.demo.cloud.imap-port=0",
                    "mailferry.demo.cloud.smtp-port=0")
            .withBean(Tenant.class, () -> tenant)
            .withUserConfiguration(Stands.class);

    @Test
    void withoutATenantBothMailServersRunAndTheUsersAreInTheTenant() {
        demo.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(DemoTenantUsers.class);
            assertThat(context.getBean(DemoMailServers.class).hasCloud()).isTrue();
        });
    }

    @Test
    void withATenantTheRigStandsInForMicrosoft365() {
        demo.withPropertyValues("mailferry.m365.tenant-id=c0ffee00-0365-4000-8000-00000000d0ec")
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(DemoTenantUsers.class);
                    DemoMailServers servers = context.getBean(DemoMailServers.class);
                    assertThat(servers.hasCloud()).isFalse();
                    assertThat(servers.onPremisesImapPort()).isPositive();
                    assertThatThrownBy(servers::cloudImapPort).hasMessageContaining("Microsoft 365 is the rig");
                    verifyNoInteractions(tenant);
                });
    }

    @Configuration
    @EnableConfigurationProperties(DemoProperties.class)
    @Import({DemoMailServers.class, DemoTenantUsers.class})
    static class Stands {}
}
