package io.mailferry.cutover;

import static io.mailferry.cutover.CutoverVariables.MAILBOX_OWNERS_NOTIFIED;
import static io.mailferry.cutover.CutoverVariables.NOTICE_SCHEDULE;
import static io.mailferry.process.MigrationVariables.TEST_MAILBOX;

import io.mailferry.process.OwnedMigration;
import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Seed step 1: tells every mailbox owner in the on-premises directory what changes, and when; the first owner's
 * mailbox is the default for testing the migration endpoint later.
 */
@Component("sendMigrationNoticesDelegate")
class SendMigrationNoticesDelegate implements JavaDelegate {
    private final CutoverNotices notices;
    private final OwnedMigration owned;

    SendMigrationNoticesDelegate(CutoverNotices notices, OwnedMigration owned) {
        this.notices = notices;
        this.owned = owned;
    }

    @Override
    public void execute(DelegateExecution execution) {
        CutoverNotices.OwnersNotified notified = notices.notifyOwners(
                execution.getProcessInstanceId() + ":migration-notice",
                owned.domain(execution),
                Variables.stringOr(execution, NOTICE_SCHEDULE, "in the coming days"));
        execution.setVariable(MAILBOX_OWNERS_NOTIFIED, notified.sent());
        Variables.setDefault(execution, TEST_MAILBOX, notified.firstOwner());
    }
}
