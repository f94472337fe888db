package io.mailferry.initialsync;

import static io.mailferry.process.MigrationVariables.BATCH_ID;

import io.mailferry.batch.MigrationBatchService;
import io.mailferry.process.MailboxGroups;
import io.mailferry.process.OwnedMigration;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The groups of mailboxes that "Count the folders of each mailbox" counts one job each ({@code
 * ${migrationReportGroups…}} in ReviewInitialSync.bpmn): the migration's own batch, as the database lists it.
 */
@Component("migrationReportGroups") // the name the BPMN expression uses
public class ReportGroups {
    /**
     * Mailboxes counted per job: 25 mailboxes of a hundred folders, at a second or more each against Exchange, stay
     * well inside the job's lock of five minutes.
     */
    public static final int SIZE = 25;

    private final MigrationBatchService batches;
    private final OwnedMigration owned;
    private final MailboxGroups groups;

    @Autowired
    public ReportGroups(MigrationBatchService batches, OwnedMigration owned) {
        this(batches, owned, SIZE);
    }

    /** {@code size} mailboxes per group; tests use small ones to see several groups. */
    public ReportGroups(MigrationBatchService batches, OwnedMigration owned, int size) {
        this.batches = batches;
        this.owned = owned;
        this.groups = new MailboxGroups(size);
    }

    /** The group numbers 0, 1, … of the batch's mailboxes: the collection of the multi-instance. */
    public List<Integer> numbers(DelegateExecution execution) {
        return groups.numbers(batches.mailboxIds(owned.batch(execution, BATCH_ID)));
    }

    /** The batch's mailboxes in group {@code number}, in the batch's order. */
    List<Long> members(long batchId, int number) {
        return groups.members(batches.mailboxIds(batchId), number).stream()
                .map(Long.class::cast)
                .toList();
    }
}
