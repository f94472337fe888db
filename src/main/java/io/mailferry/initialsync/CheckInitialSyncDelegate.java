package io.mailferry.initialsync;

import static io.mailferry.initialsync.InitialSyncVariables.BATCH_STATUS;
import static io.mailferry.initialsync.InitialSyncVariables.INITIAL_SYNC_DONE;
import static io.mailferry.process.MigrationVariables.BATCH_ID;

import io.mailferry.batch.BatchProgress;
import io.mailferry.batch.MigrationBatchService;
import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Is the batch "finished" in Exchange's sense — every mailbox Synced (or Failed, or left out)? */
@Component("checkInitialSyncDelegate")
class CheckInitialSyncDelegate implements JavaDelegate {
    private final MigrationBatchService batches;

    CheckInitialSyncDelegate(MigrationBatchService batches) {
        this.batches = batches;
    }

    @Override
    public void execute(DelegateExecution execution) {
        BatchProgress progress = batches.progress(Variables.number(execution, BATCH_ID));
        execution.setVariable(INITIAL_SYNC_DONE, progress.initialSyncDone());
        execution.setVariable(BATCH_STATUS, progress.summary());
    }
}
