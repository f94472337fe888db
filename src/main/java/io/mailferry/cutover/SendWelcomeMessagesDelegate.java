package io.mailferry.cutover;

import io.mailferry.batch.BatchMailbox;
import io.mailferry.batch.MailboxStatus;
import io.mailferry.batch.MigrationBatchService;
import io.mailferry.notify.NotificationService;
import io.mailferry.process.Variables;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Seed step 8: a welcome message to every migrated user, now in their Microsoft 365 mailbox. */
@Component("sendWelcomeMessagesDelegate")
class SendWelcomeMessagesDelegate implements JavaDelegate {
    private final MigrationBatchService batches;
    private final NotificationService notifications;

    SendWelcomeMessagesDelegate(MigrationBatchService batches, NotificationService notifications) {
        this.batches = batches;
        this.notifications = notifications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        List<String> migrated = batches.mailboxes(Variables.number(execution, "batchId")).stream()
                .filter(m -> m.status() == MailboxStatus.COMPLETED).map(BatchMailbox::targetAddress).toList();
        execution.setVariable("welcomeMessagesSent",
                notifications.sendWelcome(execution.getProcessInstanceId() + ":welcome", Variables.string(execution, "domain"),
                        migrated));
    }
}
