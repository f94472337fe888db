package io.mailferry.licences;

import static io.mailferry.process.MigrationVariables.BATCH_ID;

import io.mailferry.process.OwnedMigration;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The groups of users that "Assign Exchange Online licences" licenses one job each ({@code ${licenceGroups…}} in
 * LicencesAndDecommissioning.bpmn): the cutover's batch or the staged migration's list, whichever the caller passed
 * in, and only the migration's own.
 */
@Component("licenceGroups") // the name the BPMN expression uses
public class LicenceGroups {
    private final LicenceService licences;
    private final OwnedMigration owned;

    LicenceGroups(LicenceService licences, OwnedMigration owned) {
        this.licences = licences;
        this.owned = owned;
    }

    /** The group numbers 0, 1, … of the migration's users: the collection of the multi-instance. */
    public List<Integer> numbers(DelegateExecution execution) {
        Users users = Users.of(execution, owned);
        return licences.groupNumbers(users.batchId(), users.mailboxListId());
    }

    /** Whose licences: the cutover passes its batch, the staged migration its list; either must be the migration's. */
    record Users(Long batchId, Long mailboxListId) {
        static Users of(DelegateExecution execution, OwnedMigration owned) {
            boolean batch = execution.getVariable(BATCH_ID) != null;
            return batch
                    ? new Users(owned.batch(execution, BATCH_ID), null)
                    : new Users(null, owned.mailboxList(execution));
        }
    }
}
