package io.mailferry.initialsync;

import static io.mailferry.initialsync.InitialSyncVariables.MIGRATION_REPORT;
import static io.mailferry.process.MigrationVariables.BATCH_ID;

import io.mailferry.mailbox.MigrationReportService;
import io.mailferry.process.OwnedMigration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Seed step 4: "verify that all messages were successfully migrated" — the report the operator reviews, written from
 * the counts "Count the folders of each mailbox" kept.
 */
@Component("prepareMigrationReportDelegate")
class PrepareMigrationReportDelegate implements JavaDelegate {
    private final MigrationReportService reports;
    private final OwnedMigration owned;

    PrepareMigrationReportDelegate(MigrationReportService reports, OwnedMigration owned) {
        this.reports = reports;
        this.owned = owned;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(MIGRATION_REPORT, reports.markdown(owned.batch(execution, BATCH_ID)));
    }
}
