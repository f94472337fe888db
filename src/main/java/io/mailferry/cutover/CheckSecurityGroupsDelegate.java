package io.mailferry.cutover;

import static io.mailferry.cutover.CutoverVariables.SECURITY_GROUPS_CREATED;
import static io.mailferry.cutover.CutoverVariables.SECURITY_GROUPS_EXIST;
import static io.mailferry.cutover.CutoverVariables.SECURITY_GROUPS_MISSING;
import static io.mailferry.cutover.CutoverVariables.SECURITY_GROUP_COMMANDS;
import static io.mailferry.cutover.CutoverVariables.SECURITY_GROUP_NAMES;

import io.mailferry.process.OwnedMigration;
import io.mailferry.process.Variables;
import io.mailferry.text.Inert;
import io.mailferry.text.Shown;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Seed step 2 (optional): checks that the empty mail-enabled security groups the operator chose exist in Microsoft
 * 365. Graph cannot create them, so for those missing the operator's next task shows the Exchange Online PowerShell
 * commands; the addresses are in the migration's own domain, never one from a variable.
 */
@Component("checkSecurityGroupsDelegate")
class CheckSecurityGroupsDelegate implements JavaDelegate {
    private final SecurityGroupCheck groups;
    private final OwnedMigration owned;

    CheckSecurityGroupsDelegate(SecurityGroupCheck groups, OwnedMigration owned) {
        this.groups = groups;
        this.owned = owned;
    }

    @Override
    public void execute(DelegateExecution execution) {
        List<String> names = Arrays.stream(
                        Variables.stringOr(execution, SECURITY_GROUP_NAMES, "").split(","))
                .map(String::trim)
                .filter(n -> !n.isEmpty())
                .toList();
        SecurityGroupCheck.Outcome outcome = groups.check(names, owned.domain(execution));
        execution.setVariable(SECURITY_GROUPS_EXIST, outcome.everyGroupExists());
        execution.setVariable(SECURITY_GROUPS_MISSING, Shown.firstOf(outcome.problems()));
        execution.setVariable(SECURITY_GROUP_COMMANDS, Inert.code(String.join("\n", outcome.commands())));
        if (outcome.everyGroupExists()) {
            execution.setVariable(SECURITY_GROUPS_CREATED, String.join(", ", names));
        }
    }
}
