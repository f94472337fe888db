package io.mailferry.cutover;

import static io.mailferry.cutover.CutoverVariables.GROUP_USERS_CREATED;
import static io.mailferry.process.MigrationVariables.BATCH_ID;
import static io.mailferry.process.MigrationVariables.MAILBOX_GROUP;

import io.mailferry.process.OwnedMigration;
import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Seed step 4, for one group of the batch's mailboxes in the group's own job: their users in Microsoft 365, before
 * the group's mailboxes start syncing into them. The group's mailboxes come from the batch the migration owns.
 */
@Component("createGroupUsersDelegate")
class CreateGroupUsersDelegate implements JavaDelegate {
    private final CutoverBatchService batches;
    private final OwnedMigration owned;

    CreateGroupUsersDelegate(CutoverBatchService batches, OwnedMigration owned) {
        this.batches = batches;
        this.owned = owned;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int users = batches.createUsers(owned.domain(execution), owned.batch(execution, BATCH_ID), (int)
                Variables.number(execution, MAILBOX_GROUP));
        execution.setVariableLocal(GROUP_USERS_CREATED, users);
    }
}
