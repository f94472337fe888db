package io.mailferry.staged;

import static io.mailferry.staged.StagedVariables.LIST_USERS_IN_TENANT;
import static io.mailferry.staged.StagedVariables.LIST_USERS_MISSING;
import static io.mailferry.staged.StagedVariables.LIST_USERS_MISSING_COUNT;

import io.mailferry.process.LicenceGrace;
import io.mailferry.process.MigrationTimers;
import io.mailferry.process.OwnedMigration;
import io.mailferry.text.Shown;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task 3, checked once the list is known: has directory synchronisation created every user of the list in
 * Microsoft 365? When it has, their licence grace period is running.
 */
@Component("checkListUsersDelegate")
class CheckListUsersDelegate implements JavaDelegate {
    private final StagedListService lists;
    private final MigrationTimers timers;
    private final OwnedMigration owned;

    CheckListUsersDelegate(StagedListService lists, MigrationTimers timers, OwnedMigration owned) {
        this.lists = lists;
        this.timers = timers;
        this.owned = owned;
    }

    @Override
    public void execute(DelegateExecution execution) {
        List<String> missing = lists.missingUsers(owned.mailboxList(execution));
        execution.setVariable(LIST_USERS_IN_TENANT, missing.isEmpty());
        execution.setVariable(LIST_USERS_MISSING_COUNT, missing.size());
        execution.setVariable(LIST_USERS_MISSING, Shown.firstOf(missing));
        if (missing.isEmpty()) {
            LicenceGrace.start(execution, timers);
        }
    }
}
