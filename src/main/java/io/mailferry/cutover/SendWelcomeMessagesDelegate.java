package io.mailferry.cutover;

import static io.mailferry.cutover.CutoverVariables.WELCOME_MESSAGES_SENT;
import static io.mailferry.process.MigrationVariables.BATCH_ID;
import static io.mailferry.process.MigrationVariables.DOMAIN;

import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Seed step 8: a welcome message to every migrated user, now in their Microsoft 365 mailbox. */
@Component("sendWelcomeMessagesDelegate")
class SendWelcomeMessagesDelegate implements JavaDelegate {
    private final CutoverNotices notices;

    SendWelcomeMessagesDelegate(CutoverNotices notices) {
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(
                WELCOME_MESSAGES_SENT,
                notices.welcome(
                        execution.getProcessInstanceId() + ":welcome",
                        Variables.string(execution, DOMAIN),
                        Variables.number(execution, BATCH_ID)));
    }
}
