package io.mailferry.cutover;

import static io.mailferry.cutover.CutoverVariables.SECURITY_GROUPS_CREATED;
import static io.mailferry.cutover.CutoverVariables.SECURITY_GROUP_NAMES;

import io.mailferry.process.Variables;
import io.mailferry.tenant.Tenant;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Seed step 2 (optional): empty mail-enabled security groups in Microsoft 365, because the migration cannot tell
 * which on-premises groups are security groups.
 */
@Component("createSecurityGroupsDelegate")
class CreateSecurityGroupsDelegate implements JavaDelegate {
    private final Tenant tenant;

    CreateSecurityGroupsDelegate(Tenant tenant) {
        this.tenant = tenant;
    }

    @Override
    public void execute(DelegateExecution execution) {
        List<String> names = Arrays.stream(
                        Variables.stringOr(execution, SECURITY_GROUP_NAMES, "").split(","))
                .map(String::trim)
                .filter(n -> !n.isEmpty())
                .toList();
        names.forEach(tenant::createMailEnabledSecurityGroup);
        execution.setVariable(SECURITY_GROUPS_CREATED, String.join(", ", names));
    }
}
