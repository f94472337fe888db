package io.mailferry.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo runs the same connection step: its stand-ins pass where the demo is set up, and fail where it is not. */
class InMemoryTenantConnectionTest {
    private final TenantProperties properties = new TenantProperties("demo", 2);
    private final InMemoryTenant tenant = new InMemoryTenant(properties, name -> List.of());
    private final InMemoryTenantConnection connection = new InMemoryTenantConnection(tenant, properties);

    @Test
    void everyCheckPassesForAUserOfTheTenantWhileLicencesAreFree() {
        tenant.createUser("user02@contoso.com", "User 2");
        tenant.createUser("user01@contoso.com", "User 1");

        assertThat(connection.suggestedTestMailbox()).contains("user01@contoso.com");
        assertThat(connection.check("User01@Contoso.com"))
                .hasSize(8)
                .allSatisfy(c -> assertThat(c.passed()).as(c.name()).isTrue());
        assertThat(connection.settings().inMemory()).isTrue();
    }

    @Test
    void aMailboxTheTenantDoesNotHaveOrAFullLicencePoolFails() {
        tenant.createUser("user01@contoso.com", "User 1");
        tenant.createUser("user02@contoso.com", "User 2");
        tenant.assignLicences(List.of("user01@contoso.com", "user02@contoso.com"));

        List<ConnectionCheck> checks = connection.check("ghost@contoso.com");

        assertThat(checks)
                .filteredOn(c -> !c.passed())
                .extracting(ConnectionCheck::detail)
                .containsExactly(
                        "all 2 licences are in use: raise mailferry.tenant.licences",
                        "the tenant has no mailbox ghost@contoso.com; choose a mailbox of the tenant, e.g."
                                + " user01@contoso.com");
        assertThat(connection.check("not-an-address").get(7).detail()).contains("is not a valid e-mail address");
    }

    @Test
    void anEmptyTenantOutsideTheDemoHasNoMailboxToSignInToYet() {
        assertThat(connection.suggestedTestMailbox()).isEmpty();
        assertThat(connection.check("user01@contoso.com"))
                .allSatisfy(c -> assertThat(c.passed()).as(c.name()).isTrue())
                .last()
                .extracting(ConnectionCheck::detail)
                .asString()
                .contains("has no users yet");
        assertThat(connection.check("not-an-address").get(7).passed())
                .as("the address is still checked")
                .isFalse();
    }
}
