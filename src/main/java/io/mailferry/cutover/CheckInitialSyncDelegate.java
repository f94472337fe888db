package io.mailferry.cutover;

import io.mailferry.batch.BatchProgress;
import io.mailferry.batch.MigrationBatchService;
import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Seed step 4: is the batch "finished" in Exchange's sense — every mailbox Synced (or Failed)? */
@Component("checkInitialSyncDelegate")
class CheckInitialSyncDelegate implements JavaDelegate {
    private final MigrationBatchService batches;

    CheckInitialSyncDelegate(MigrationBatchService batches) {
        this.batches = batches;
    }

    @Override
    public void execute(DelegateExecution execution) {
        BatchProgress progress = batches.progress(Variables.number(execution, "batchId"));
        execution.setVariable("initialSyncDone", progress.initialSyncDone());
        execution.setVariable("batchStatus", progress.total() + " mailboxes: " + progress.queued() + " queued, "
                + progress.syncing() + " syncing, " + progress.synced() + " synced, " + progress.failed() + " failed");
    }
}
