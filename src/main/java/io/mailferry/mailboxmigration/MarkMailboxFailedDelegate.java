package io.mailferry.mailboxmigration;

import static io.mailferry.mailboxmigration.MailboxMigrationVariables.SYNC_ERROR;
import static io.mailferry.process.MigrationVariables.MAILBOX_ID;

import io.mailferry.batch.MailboxStatus;
import io.mailferry.batch.MigrationBatchService;
import io.mailferry.process.OwnedMigration;
import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The operator left the mailbox out: it shows as Left out in the batch, with the reason it could not be synced, and
 * nothing waits for it any more (neither the conversion nor the batch's deletion). The bean keeps the name it had
 * when this status was Failed, since instances of earlier versions of the model call it by that name.
 */
@Component("markMailboxFailedDelegate")
class MarkMailboxFailedDelegate implements JavaDelegate {
    private final MigrationBatchService batches;
    private final OwnedMigration owned;

    MarkMailboxFailedDelegate(MigrationBatchService batches, OwnedMigration owned) {
        this.batches = batches;
        this.owned = owned;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long mailboxId = owned.mailbox(execution, MAILBOX_ID);
        // the error as the sync recorded it: syncError is its copy made inert for the form, not text to store
        String reason = batches.mailbox(mailboxId).lastError();
        batches.markStatus(
                mailboxId,
                MailboxStatus.LEFT_OUT,
                "Left out by the operator: "
                        + (reason == null ? Variables.stringOr(execution, SYNC_ERROR, "no reason recorded") : reason));
    }
}
