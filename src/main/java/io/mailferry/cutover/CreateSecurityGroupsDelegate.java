package io.mailferry.cutover;

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
        List<String> names = Arrays.stream(Variables.stringOr(execution, "securityGroupNames", "").split(","))
                .map(String::trim).filter(n -> !n.isEmpty()).toList();
        names.forEach(tenant::createMailEnabledSecurityGroup);
        execution.setVariable("securityGroupsCreated", String.join(", ", names));
    }
}
