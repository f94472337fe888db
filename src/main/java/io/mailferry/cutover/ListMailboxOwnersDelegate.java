package io.mailferry.cutover;

import static io.mailferry.cutover.CutoverVariables.MAILBOX_OWNERS_LISTED;
import static io.mailferry.process.MigrationVariables.TEST_MAILBOX;

import io.mailferry.process.OwnedMigration;
import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Seed step 1, before the notices: lists every mailbox owner of the migration's domain once, so that the groups
 * that tell them share one list; the first owner's mailbox is the default for testing the migration endpoint later.
 */
@Component("listMailboxOwnersDelegate")
class ListMailboxOwnersDelegate implements JavaDelegate {
    private final CutoverNotices notices;
    private final OwnedMigration owned;

    ListMailboxOwnersDelegate(CutoverNotices notices, OwnedMigration owned) {
        this.notices = notices;
        this.owned = owned;
    }

    @Override
    public void execute(DelegateExecution execution) {
        CutoverNotices.OwnersListed listed = notices.listOwners(
                CutoverNotices.migrationNoticeKey(execution.getProcessInstanceId()), owned.domain(execution));
        execution.setVariable(MAILBOX_OWNERS_LISTED, listed.count());
        Variables.setDefault(execution, TEST_MAILBOX, listed.firstOwner());
    }
}
