package io.mailferry.mailboxmigration;

import static io.mailferry.process.MigrationVariables.BATCH_ID;

import io.mailferry.batch.MigrationBatchService;
import io.mailferry.process.OwnedMigration;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Execution;
import org.springframework.stereotype.Component;

/**
 * Seed step 6: the final delta sync. The request is recorded on the batch first — which waits for any sync slice
 * that is just reading it (see {@link MigrationBatchService#finalSyncRequested}) — and then sent to every mailbox that
 * is waiting between syncs. A mailbox in the middle of a slice is not listening, but that slice reads the flag before
 * it ends and goes straight to its final sync.
 */
@Component("requestFinalSyncDelegate")
class RequestFinalSyncDelegate implements JavaDelegate {
    private final MigrationBatchService batches;
    private final OwnedMigration owned;

    RequestFinalSyncDelegate(MigrationBatchService batches, OwnedMigration owned) {
        this.batches = batches;
        this.owned = owned;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long batchId = owned.batch(execution, BATCH_ID);
        batches.requestFinalSync(batchId);
        RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
        List<String> waiting = runtime
                .createExecutionQuery()
                .messageEventSubscriptionName(MailboxMigrationIds.MESSAGE_FINAL_SYNC_REQUESTED)
                .processVariableValueEquals(BATCH_ID, batchId)
                .list()
                .stream()
                .map(Execution::getProcessInstanceId)
                .distinct()
                .toList();
        // One mailbox at a time, each looked up again right before it is told: a mailbox whose delta timer fires
        // meanwhile leaves the wait, and one correlation over the whole batch would then fail on the subscription it
        // had found a moment before (seen on PostgreSQL with 50 mailboxes). That mailbox reads the flag instead.
        for (String mailbox : waiting) {
            runtime.createMessageCorrelation(MailboxMigrationIds.MESSAGE_FINAL_SYNC_REQUESTED)
                    .processInstanceId(mailbox)
                    .correlateAll();
        }
    }
}
