package io.mailferry.cutover;

import io.mailferry.batch.MigrationBatchService;
import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Seed step 6: the final delta sync. The request is recorded on the batch first, so a mailbox that is in the middle
 * of a delta sync (and so not listening for the message) sees it when that pass ends; the others get the message.
 */
@Component("requestFinalSyncDelegate")
class RequestFinalSyncDelegate implements JavaDelegate {
    private final MigrationBatchService batches;

    RequestFinalSyncDelegate(MigrationBatchService batches) {
        this.batches = batches;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long batchId = Variables.number(execution, "batchId");
        batches.requestFinalSync(batchId);
        execution.getProcessEngineServices().getRuntimeService()
                .createMessageCorrelation(CutoverMigrationIds.MESSAGE_FINAL_SYNC)
                .processInstanceVariableEquals("batchId", batchId)
                .correlateAll();
    }
}
