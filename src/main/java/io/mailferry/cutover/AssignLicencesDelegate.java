package io.mailferry.cutover;

import io.mailferry.batch.BatchMailbox;
import io.mailferry.batch.MailboxStatus;
import io.mailferry.batch.MigrationBatchService;
import io.mailferry.process.LicenceGrace;
import io.mailferry.process.MigrationTimers;
import io.mailferry.process.Variables;
import io.mailferry.tenant.LicenceResult;
import io.mailferry.tenant.Tenant;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Seed step 7: licences for the migrated users; without one a user is soft-deleted when the grace period ends, so the
 * reminder and escalation moments are worked out here for the timers.
 */
@Component("assignLicencesDelegate")
class AssignLicencesDelegate implements JavaDelegate {
    private final MigrationBatchService batches;
    private final Tenant tenant;
    private final MigrationTimers timers;

    AssignLicencesDelegate(MigrationBatchService batches, Tenant tenant, MigrationTimers timers) {
        this.batches = batches;
        this.tenant = tenant;
        this.timers = timers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        List<String> migrated = batches.mailboxes(Variables.number(execution, "batchId")).stream()
                .filter(m -> m.status() == MailboxStatus.COMPLETED).map(BatchMailbox::targetAddress).toList();
        LicenceResult result = tenant.assignLicences(migrated);
        execution.setVariable("unlicensedCount", result.unlicensed().size());
        execution.setVariable("licenceStatus", result.detail());
        LicenceGrace.scheduleNotices(execution, timers);
    }
}
