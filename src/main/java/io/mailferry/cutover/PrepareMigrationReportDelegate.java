package io.mailferry.cutover;

import io.mailferry.mailbox.MigrationReportService;
import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Seed step 4: "verify that all messages were successfully migrated" — the report the operator reviews. */
@Component("prepareMigrationReportDelegate")
class PrepareMigrationReportDelegate implements JavaDelegate {
    private final MigrationReportService reports;

    PrepareMigrationReportDelegate(MigrationReportService reports) {
        this.reports = reports;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable("migrationReport", reports.markdown(Variables.number(execution, "batchId")));
    }
}
