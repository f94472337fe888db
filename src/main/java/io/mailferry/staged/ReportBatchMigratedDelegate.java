package io.mailferry.staged;

import static io.mailferry.staged.StagedVariables.BATCH_NUMBER;
import static io.mailferry.staged.StagedVariables.MIGRATED_BATCH_NUMBER;
import static io.mailferry.staged.StagedVariables.STAGED_MIGRATION_ID;

import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The batch is migrated and its mailboxes converted: tells the staged migration, which waits for every batch before
 * it routes mail to Microsoft 365 and, one by one, lets the next batch start. Batches finishing together meet an
 * optimistic lock on the staged migration; the report is then retried within seconds.
 */
@Component("reportBatchMigratedDelegate")
class ReportBatchMigratedDelegate implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
        execution
                .getProcessEngineServices()
                .getRuntimeService()
                .createMessageCorrelation(StagedMigrationIds.MESSAGE_BATCH_MIGRATED)
                .processInstanceId(Variables.string(execution, STAGED_MIGRATION_ID))
                .setVariable(MIGRATED_BATCH_NUMBER, Variables.number(execution, BATCH_NUMBER))
                .correlate();
    }
}
