package io.mailferry.mailboxmigration;

import static io.mailferry.process.MigrationVariables.BATCH_ID;

import io.mailferry.batch.MigrationBatchService;
import io.mailferry.process.OwnedMigration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Seed step 6: every mailbox has had its final sync; deleting the batch stops synchronisation for good. */
@Component("deleteMigrationBatchDelegate")
class DeleteMigrationBatchDelegate implements JavaDelegate {
    private final MigrationBatchService batches;
    private final OwnedMigration owned;

    DeleteMigrationBatchDelegate(MigrationBatchService batches, OwnedMigration owned) {
        this.batches = batches;
        this.owned = owned;
    }

    @Override
    public void execute(DelegateExecution execution) {
        batches.deleteBatch(owned.batch(execution, BATCH_ID));
    }
}
