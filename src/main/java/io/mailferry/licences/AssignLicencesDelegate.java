package io.mailferry.licences;

import static io.mailferry.licences.LicenceVariables.LICENCE_STATUS;
import static io.mailferry.licences.LicenceVariables.UNLICENSED_COUNT;
import static io.mailferry.process.MigrationVariables.BATCH_ID;

import io.mailferry.process.MigrationTimers;
import io.mailferry.process.OwnedMigration;
import io.mailferry.tenant.LicenceResult;
import io.mailferry.text.Fit;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Licences for the migrated users (the cutover's batch or the staged migration's list, whichever the caller passed
 * in); the reminder and escalation moments of the grace period are worked out for the timers.
 */
@Component("assignLicencesDelegate")
class AssignLicencesDelegate implements JavaDelegate {
    private final LicenceService licences;
    private final MigrationTimers timers;
    private final OwnedMigration owned;

    AssignLicencesDelegate(LicenceService licences, MigrationTimers timers, OwnedMigration owned) {
        this.licences = licences;
        this.timers = timers;
        this.owned = owned;
    }

    @Override
    public void execute(DelegateExecution execution) {
        // the cutover passes its batch, the staged migration its list; either must be the migration's own
        boolean batch = execution.getVariable(BATCH_ID) != null;
        LicenceResult result = licences.assignLicences(
                batch ? owned.batch(execution, BATCH_ID) : null, batch ? null : owned.mailboxList(execution));
        execution.setVariable(UNLICENSED_COUNT, result.unlicensed().size());
        // a tenant's sentence names users; however many there are, the variable must stay storable
        execution.setVariable(LICENCE_STATUS, Fit.variable(result.detail()));
        LicenceGraceSchedule.scheduleNotices(execution, timers);
    }
}
