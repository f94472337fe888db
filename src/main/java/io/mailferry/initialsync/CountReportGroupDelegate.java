package io.mailferry.initialsync;

import static io.mailferry.initialsync.InitialSyncVariables.REPORT_GROUP;
import static io.mailferry.process.MigrationVariables.BATCH_ID;

import io.mailferry.mailbox.MigrationReportService;
import io.mailferry.process.OwnedMigration;
import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Seed step 4, "verify that all messages were successfully migrated", one group of mailboxes per job: their folders
 * counted on both servers and kept for the report. Which mailboxes is the migration's own batch, as the database
 * lists it; the group number only picks a part of it.
 */
@Component("countReportGroupDelegate")
class CountReportGroupDelegate implements JavaDelegate {
    private final MigrationReportService reports;
    private final ReportGroups groups;
    private final OwnedMigration owned;

    CountReportGroupDelegate(MigrationReportService reports, ReportGroups groups, OwnedMigration owned) {
        this.reports = reports;
        this.groups = groups;
        this.owned = owned;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long batchId = owned.batch(execution, BATCH_ID);
        int group = Math.toIntExact(Variables.number(execution, REPORT_GROUP));
        reports.countMailboxes(batchId, groups.members(batchId, group));
    }
}
