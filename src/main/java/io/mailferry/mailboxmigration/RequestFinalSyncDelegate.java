package io.mailferry.mailboxmigration;

import static io.mailferry.process.MigrationVariables.BATCH_ID;
import static io.mailferry.process.MigrationVariables.MAILBOX_GROUP;
import static io.mailferry.process.MigrationVariables.MAILBOX_ID;

import io.mailferry.batch.MigrationBatchService;
import io.mailferry.process.MailboxGroups;
import io.mailferry.process.OwnedMigration;
import io.mailferry.process.Variables;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Seed step 6: the final delta sync, for one group of the batch's mailboxes (the multi-instance of the task, a job
 * per group, so a batch of 2,000 is 20 short transactions and a retry repeats one group). The request is recorded on
 * the group's mailboxes first — which waits for any sync slice that is just reading one (see
 * {@link MigrationBatchService#finalSyncRequested}) — and then sent to each of them that is waiting between syncs. A
 * mailbox in the middle of a slice is not listening, but that slice reads the flag before it ends and goes straight
 * to its final sync. Asking again is harmless: a mailbox already asked no longer waits for the message.
 */
@Component("requestFinalSyncDelegate")
class RequestFinalSyncDelegate implements JavaDelegate {
    private final MigrationBatchService batches;
    private final OwnedMigration owned;
    private final MailboxGroups groups;

    RequestFinalSyncDelegate(MigrationBatchService batches, OwnedMigration owned, MailboxGroups groups) {
        this.batches = batches;
        this.owned = owned;
        this.groups = groups;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long batchId = owned.batch(execution, BATCH_ID);
        // the group's members from the batch this migration owns, never from the mailboxIds variable
        List<Long> group =
                groups.members(batches.mailboxIds(batchId), (int) Variables.number(execution, MAILBOX_GROUP)).stream()
                        .map(Long.class::cast)
                        .toList();
        batches.requestFinalSync(batchId, group);
        RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
        // One mailbox at a time, each looked up as it is told: a mailbox whose delta timer fires meanwhile leaves the
        // wait, and one correlation over many would then fail on the subscription it had found a moment before (seen
        // on PostgreSQL with 50 mailboxes). That mailbox reads the flag instead; correlateAll finds nothing to tell.
        for (long mailboxId : group) {
            runtime.createMessageCorrelation(MailboxMigrationIds.MESSAGE_FINAL_SYNC_REQUESTED)
                    .processInstanceVariableEquals(BATCH_ID, batchId)
                    .processInstanceVariableEquals(MAILBOX_ID, mailboxId)
                    .correlateAll();
        }
    }
}
