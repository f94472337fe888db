package io.mailferry.cutover;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The groups of mailbox owners the migration notice is sent to, one job each ({@code ${migrationNoticeGroups…}} in
 * CutoverMigration.bpmn): taken from the owners Task_ListMailboxOwners listed, never from a variable.
 */
@Component("migrationNoticeGroups") // the name the BPMN expression uses
public class MigrationNoticeGroups {
    private final CutoverNotices notices;

    public MigrationNoticeGroups(CutoverNotices notices) {
        this.notices = notices;
    }

    public List<Integer> of(DelegateExecution execution) {
        return notices.groups(CutoverNotices.migrationNoticeKey(execution.getProcessInstanceId()));
    }
}
