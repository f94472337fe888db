package io.mailferry.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailferry.tenant.InMemoryTenant;
import io.mailferry.tenant.TenantProperties;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The security-group step's service on the in-memory tenant, whose administrator runs what the step showed. */
class SecurityGroupCheckTest {
    private final InMemoryTenant tenant = new InMemoryTenant(new TenantProperties("demo", 10), name -> List.of());
    private final SecurityGroupCheck check = new SecurityGroupCheck(tenant);

    @Test
    void missingGroupsComeWithTheirCommandsAndExistAtTheNextCheck() {
        tenant.createMailEnabledSecurityGroup("Finance");

        SecurityGroupCheck.Outcome first = check.check(List.of("Finance", " HR "), "contoso.com");

        assertThat(first.everyGroupExists()).isFalse();
        assertThat(first.problems()).containsExactly("HR: not in the tenant");
        assertThat(first.commands())
                .containsExactly(
                        "New-DistributionGroup -Type Security -Name 'HR' -PrimarySmtpAddress 'hr@contoso.com'");

        SecurityGroupCheck.Outcome second = check.check(List.of("Finance", "HR"), "contoso.com");

        assertThat(second.everyGroupExists()).isTrue();
        assertThat(second.commands()).isEmpty();
    }

    @Test
    void aNameExchangeWouldRefuseIsTheOperatorsToCorrectAndNeverReachesTheTenant() {
        SecurityGroupCheck.Outcome outcome = check.check(List.of("Sales; Marketing", "HR"), "contoso.com");

        assertThat(outcome.everyGroupExists()).isFalse();
        assertThat(outcome.problems())
                .containsExactly(
                        "Security group name 'Sales; Marketing' must not contain any of @()\\[]\";:<>, or control"
                                + " characters: correct the list of groups",
                        "HR: not in the tenant");
        assertThat(outcome.commands()).hasSize(1);
        assertThat(tenant.missingMailEnabledSecurityGroups(List.of("HR"))).isEmpty();
        assertThat(tenant.groupNames()).containsExactly("HR");
    }

    @Test
    void noGroupsChosenMeansNothingToDo() {
        assertThat(check.check(List.of(), "contoso.com").everyGroupExists()).isTrue();
    }
}
