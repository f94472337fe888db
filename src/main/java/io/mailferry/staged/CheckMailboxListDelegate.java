package io.mailferry.staged;

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

    CheckMailboxListDelegate(StagedListService lists) {
        this.lists = lists;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ListCheck check = lists.check(execution.getVariable("mailboxListId"));
        execution.setVariable("mailboxListFound", check.found());
        if (!check.found()) {
            execution.setVariable("mailboxListProblem", check.problem());
            return;
        }
        execution.setVariable("mailboxListId", check.listId());
        execution.removeVariable("mailboxListProblem");
        execution.setVariable("batchNumbers", new ArrayList<>(check.batchNumbers()));
        execution.setVariable("batchCount", check.batchNumbers().size());
        execution.setVariable("listMailboxCount", check.mailboxes());
        execution.setVariable("mailboxListSummary", check.summary());
        execution.setVariable("testMailbox", check.firstAddress());
    }
}
