package io.mailferry.initialsync;

import static io.mailferry.initialsync.InitialSyncVariables.BATCH_STATUS;
import static io.mailferry.initialsync.InitialSyncVariables.INITIAL_SYNC_DONE;
import static io.mailferry.process.MigrationVariables.BATCH_ID;

import io.mailferry.batch.BatchProgress;
import io.mailferry.batch.MigrationBatchService;
import io.mailferry.process.OwnedMigration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Is the batch "finished" in Exchange's sense — every mailbox Synced (or Failed, or left out)? */
@Component("checkInitialSyncDelegate")
class CheckInitialSyncDelegate implements JavaDelegate {
    private final MigrationBatchService batches;
    private final OwnedMigration owned;

    CheckInitialSyncDelegate(MigrationBatchService batches, OwnedMigration owned) {
        this.batches = batches;
        this.owned = owned;
    }

    @Override
    public void execute(DelegateExecution execution) {
        BatchProgress progress = batches.progress(owned.batch(execution, BATCH_ID));
        execution.setVariable(INITIAL_SYNC_DONE, progress.initialSyncDone());
        execution.setVariable(BATCH_STATUS, progress.summary());
    }
}
