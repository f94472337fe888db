package io.mailferry.mailboxmigration;

import static io.mailferry.process.MigrationVariables.BATCH_ID;

import io.mailferry.batch.MigrationBatchService;
import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Seed step 6: every mailbox has had its final sync; deleting the batch stops synchronisation for good. */
@Component("deleteMigrationBatchDelegate")
class DeleteMigrationBatchDelegate implements JavaDelegate {
    private final MigrationBatchService batches;

    DeleteMigrationBatchDelegate(MigrationBatchService batches) {
        this.batches = batches;
    }

    @Override
    public void execute(DelegateExecution execution) {
        batches.deleteBatch(Variables.number(execution, BATCH_ID));
    }
}
