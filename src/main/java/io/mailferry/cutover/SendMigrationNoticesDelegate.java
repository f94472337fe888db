package io.mailferry.cutover;

import static io.mailferry.cutover.CutoverVariables.MAILBOX_OWNERS_NOTIFIED;
import static io.mailferry.cutover.CutoverVariables.NOTICE_GROUP;
import static io.mailferry.cutover.CutoverVariables.NOTICE_SCHEDULE;

import io.mailferry.process.OwnedMigration;
import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Seed step 1: tells one group of the listed mailbox owners what changes, and when. Each group is a job of its own
 * (the multi-instance of Task_SendMigrationNotices), so a retry sends only its own group's missing notices.
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
        int told = notices.notifyGroup(
                CutoverNotices.migrationNoticeKey(execution.getProcessInstanceId()),
                owned.domain(execution),
                Variables.stringOr(execution, NOTICE_SCHEDULE, "in the coming days"),
                (int) Variables.number(execution, NOTICE_GROUP));
        // per group, on the group's own execution: groups ending together would conflict over one shared counter
        execution.setVariableLocal(MAILBOX_OWNERS_NOTIFIED, told);
    }
}
