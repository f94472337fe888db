package io.mailferry.licences;

import static io.mailferry.licences.LicenceVariables.LICENCE_PROBLEMS;
import static io.mailferry.licences.LicenceVariables.LICENCE_STATUS;
import static io.mailferry.licences.LicenceVariables.UNLICENSED_COUNT;

import io.mailferry.process.MigrationTimers;
import io.mailferry.process.OwnedMigration;
import io.mailferry.tenant.LicenceResult;
import io.mailferry.text.Fit;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * After every group was assigned: which users still lack a licence, with what Microsoft 365 said about them, for the
 * gateway, the operator's task and the grace period's notices, whose moments are worked out here for the timers.
 */
@Component("checkLicencesDelegate")
class CheckLicencesDelegate implements JavaDelegate {
    private final LicenceService licences;
    private final MigrationTimers timers;
    private final OwnedMigration owned;

    CheckLicencesDelegate(LicenceService licences, MigrationTimers timers, OwnedMigration owned) {
        this.licences = licences;
        this.timers = timers;
        this.owned = owned;
    }

    @Override
    public void execute(DelegateExecution execution) {
        LicenceGroups.Users users = LicenceGroups.Users.of(execution, owned);
        LicenceResult result = licences.checkLicences(users.batchId(), users.mailboxListId());
        execution.setVariable(UNLICENSED_COUNT, result.unlicensed().size());
        String problems = (String) execution.getVariable(LICENCE_PROBLEMS);
        String status = result.unlicensed().isEmpty() || problems == null || problems.isEmpty()
                ? result.detail()
                : result.detail() + "\n\nWhat Microsoft 365 answered when Mailferry assigned them:\n\n" + problems;
        // a tenant's sentences name users; however many there are, the variable must stay storable
        execution.setVariable(LICENCE_STATUS, Fit.variable(status));
        LicenceGraceSchedule.scheduleNotices(execution, timers);
    }
}
