package io.mailferry.cutover;

import static io.mailferry.cutover.CutoverVariables.WELCOME_MESSAGES_SENT;
import static io.mailferry.process.MigrationVariables.BATCH_ID;

import io.mailferry.process.OwnedMigration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Seed step 8: a welcome message to every migrated user, now in their Microsoft 365 mailbox. */
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
        execution.setVariable(
                WELCOME_MESSAGES_SENT,
                notices.welcome(
                        execution.getProcessInstanceId() + ":welcome",
                        owned.domain(execution),
                        owned.batch(execution, BATCH_ID)));
    }
}
