package io.mailferry.licences;

import static io.mailferry.licences.LicenceVariables.LICENCE_GROUP;
import static io.mailferry.licences.LicenceVariables.LICENCE_PROBLEMS;

import io.mailferry.process.OwnedMigration;
import io.mailferry.tenant.LicenceResult;
import io.mailferry.text.Fit;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Licences for one group of the migrated users (an instance of the sequential multi-instance, each its own job). What
 * Microsoft 365 said about the users it left without one is kept for the check that follows the last group.
 */
@Component("assignLicencesDelegate")
class AssignLicencesDelegate implements JavaDelegate {
    /** Room for Microsoft 365's answers beside the list of users, within a String variable (Fit.VARIABLE). */
    static final int PROBLEMS_MAX = 1_500;

    static final String MORE = "\n\n… and more groups with users Microsoft 365 left without a licence";

    private final LicenceService licences;
    private final OwnedMigration owned;

    AssignLicencesDelegate(LicenceService licences, OwnedMigration owned) {
        this.licences = licences;
        this.owned = owned;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int group = ((Number) execution.getVariable(LICENCE_GROUP)).intValue();
        LicenceGroups.Users users = LicenceGroups.Users.of(execution, owned);
        LicenceResult result = licences.assignLicences(users.batchId(), users.mailboxListId(), group);
        // the groups run one after another (sequential), so nothing else writes this variable meanwhile; a new round
        // of assignments (after the operator got licences) starts it afresh
        String before = group == 0 ? "" : (String) execution.getVariable(LICENCE_PROBLEMS);
        execution.setVariable(LICENCE_PROBLEMS, withProblem(before == null ? "" : before, group, result));
    }

    /**
     * {@code before} and what Microsoft 365 said about this group's users without a licence, if any, as long as it
     * stays short enough to sit beside the list of users in the operator's task; then only that there is more.
     */
    static String withProblem(String before, int group, LicenceResult result) {
        if (result.unlicensed().isEmpty() || before.endsWith(MORE)) {
            return before;
        }
        String problem = "Group " + (group + 1) + " of the users: " + result.detail();
        if (before.isEmpty()) {
            return Fit.variable(problem);
        }
        return before.length() + problem.length() > PROBLEMS_MAX ? before + MORE : before + "\n\n" + problem;
    }
}
