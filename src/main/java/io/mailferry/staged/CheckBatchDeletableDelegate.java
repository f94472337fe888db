package io.mailferry.staged;

import static io.mailferry.process.MigrationVariables.BATCH_ID;
import static io.mailferry.staged.StagedVariables.BATCH_DELETABLE;
import static io.mailferry.staged.StagedVariables.DELETION_CHECK_TEXT;
import static io.mailferry.staged.StagedVariables.FINAL_SYNC_RUNNING;
import static io.mailferry.staged.StagedVariables.LAST_SYNCED_TEXT;
import static io.mailferry.staged.StagedVariables.MAIL_ROUTED_TO_CLOUD_AT;
import static io.mailferry.staged.StagedVariables.MAIL_ROUTED_TO_CLOUD_TEXT;

import io.mailferry.process.OwnedMigration;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task 10: may the batch be deleted, or which mailboxes have not synced since mail started going to Microsoft 365? */
@Component("checkBatchDeletableDelegate")
class CheckBatchDeletableDelegate implements JavaDelegate {
    private final StagedBatchService batches;
    private final OwnedMigration owned;

    CheckBatchDeletableDelegate(StagedBatchService batches, OwnedMigration owned) {
        this.batches = batches;
        this.owned = owned;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Date routedAt = (Date) execution.getVariable(MAIL_ROUTED_TO_CLOUD_AT);
        if (routedAt == null) {
            throw new IllegalStateException("The batch does not know when mail started going to Microsoft 365"
                    + " (variable mailRoutedToCloudAt); it is sent with the message that releases the batch");
        }
        BatchDeletionCheck check = batches.deletionCheck(owned.batch(execution, BATCH_ID), routedAt.toInstant());
        execution.setVariable(BATCH_DELETABLE, check.deletable());
        execution.setVariable(FINAL_SYNC_RUNNING, check.finalSyncRunning());
        execution.setVariable(MAIL_ROUTED_TO_CLOUD_TEXT, BatchDeletionCheck.time(check.mailRoutedAt()));
        execution.setVariable(LAST_SYNCED_TEXT, check.lastSyncedText());
        execution.setVariable(DELETION_CHECK_TEXT, check.explanation());
    }
}
