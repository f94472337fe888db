package io.mailferry.staged;

import io.mailferry.process.LicenceGrace;
import io.mailferry.process.MigrationTimers;
import io.mailferry.process.Variables;
import io.mailferry.tenant.LicenceResult;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task 11: Exchange Online licences for the users of the list; the reminder and escalation of the grace period that
 * began when directory synchronisation created them are worked out for the timers, as in the cutover.
 */
@Component("assignListLicencesDelegate")
class AssignListLicencesDelegate implements JavaDelegate {
    private final StagedListService lists;
    private final MigrationTimers timers;

    AssignListLicencesDelegate(StagedListService lists, MigrationTimers timers) {
        this.lists = lists;
        this.timers = timers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        LicenceResult result = lists.assignLicences(Variables.number(execution, "mailboxListId"));
        execution.setVariable("unlicensedCount", result.unlicensed().size());
        execution.setVariable("licenceStatus", result.detail());
        LicenceGrace.scheduleNotices(execution, timers);
    }
}
