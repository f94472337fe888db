package io.mailferry.staged;

import static io.mailferry.process.MigrationVariables.MAILBOX_LIST_ID;
import static io.mailferry.process.MigrationVariables.TEST_MAILBOX;
import static io.mailferry.staged.StagedVariables.BATCH_COUNT;
import static io.mailferry.staged.StagedVariables.BATCH_NUMBERS;
import static io.mailferry.staged.StagedVariables.LIST_MAILBOX_COUNT;
import static io.mailferry.staged.StagedVariables.MAILBOX_LIST_FOUND;
import static io.mailferry.staged.StagedVariables.MAILBOX_LIST_PROBLEM;
import static io.mailferry.staged.StagedVariables.MAILBOX_LIST_SUMMARY;

import io.mailferry.process.OwnedMigration;
import io.mailferry.text.Inert;
import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task 4: does the list id the operator entered (or started with) name a stored list? If not, the upload task comes
 * back with the reason ({@code mailboxListProblem}); if so, its batches are what the migration runs.
 */
@Component("checkMailboxListDelegate")
class CheckMailboxListDelegate implements JavaDelegate {
    private final StagedListService lists;
    private final OwnedMigration owned;

    CheckMailboxListDelegate(StagedListService lists, OwnedMigration owned) {
        this.lists = lists;
        this.owned = owned;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ListCheck check = lists.check(execution.getVariable(MAILBOX_LIST_ID));
        execution.setVariable(MAILBOX_LIST_FOUND, check.found());
        if (!check.found()) {
            execution.setVariable(MAILBOX_LIST_PROBLEM, Inert.markdown(check.problem()));
            return;
        }
        // from now on the migration's list: the steps after this one read it from here, not from the variable
        owned.authority().recordMailboxList(OwnedMigration.migrationId(execution), check.listId());
        execution.setVariable(MAILBOX_LIST_ID, check.listId());
        execution.removeVariable(MAILBOX_LIST_PROBLEM);
        execution.setVariable(BATCH_NUMBERS, new ArrayList<>(check.batchNumbers()));
        execution.setVariable(BATCH_COUNT, check.batchNumbers().size());
        execution.setVariable(LIST_MAILBOX_COUNT, check.mailboxes());
        execution.setVariable(MAILBOX_LIST_SUMMARY, Inert.markdown(check.summary()));
        execution.setVariable(TEST_MAILBOX, check.firstAddress());
    }
}
