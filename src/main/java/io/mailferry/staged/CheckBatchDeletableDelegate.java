package io.mailferry.staged;

import io.mailferry.process.Variables;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task 10: may the batch be deleted, or which mailboxes have not synced since mail started going to Microsoft 365? */
@Component("checkBatchDeletableDelegate")
class CheckBatchDeletableDelegate implements JavaDelegate {
    private final StagedBatchService batches;

    CheckBatchDeletableDelegate(StagedBatchService batches) {
        this.batches = batches;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Date routedAt = (Date) execution.getVariable("mailRoutedToCloudAt");
        if (routedAt == null) {
            throw new IllegalStateException("The batch does not know when mail started going to Microsoft 365"
                    + " (variable mailRoutedToCloudAt); it is sent with the message that releases the batch");
        }
        BatchDeletionCheck check = batches.deletionCheck(Variables.number(execution, "batchId"), routedAt.toInstant());
        execution.setVariable("batchDeletable", check.deletable());
        execution.setVariable("finalSyncRunning", check.finalSyncRunning());
        execution.setVariable("mailRoutedToCloudText", BatchDeletionCheck.time(check.mailRoutedAt()));
        execution.setVariable("lastSyncedText", check.lastSyncedText());
        execution.setVariable("deletionCheckText", check.explanation());
    }
}
