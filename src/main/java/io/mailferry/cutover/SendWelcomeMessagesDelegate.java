package io.mailferry.cutover;

import static io.mailferry.cutover.CutoverVariables.WELCOME_MESSAGES_SENT;
import static io.mailferry.process.MigrationVariables.BATCH_ID;
import static io.mailferry.process.MigrationVariables.MAILBOX_GROUP;

import io.mailferry.process.OwnedMigration;
import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Seed step 8: a welcome message to every migrated user of one group of the batch's mailboxes (the multi-instance of
 * the task, a job per group), now in their Microsoft 365 mailbox. The group's users come from the batch the migration
 * owns, never from a variable; every group sends under one notice key, so nobody is welcomed twice.
 */
@Component("sendWelcomeMessagesDelegate")
class SendWelcomeMessagesDelegate implements JavaDelegate {
    private final CutoverNotices notices;
    private final OwnedMigration owned;

    SendWelcomeMessagesDelegate(CutoverNotices notices, OwnedMigration owned) {
        this.notices = notices;
        this.owned = owned;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int sent = notices.welcome(
                execution.getProcessInstanceId() + ":welcome",
                owned.domain(execution),
                owned.batch(execution, BATCH_ID),
                (int) Variables.number(execution, MAILBOX_GROUP));
        // per group, on the group's own execution: groups ending together would conflict over one shared counter
        execution.setVariableLocal(WELCOME_MESSAGES_SENT, sent);
    }
}
