package io.mailferry.cutover;

import static io.mailferry.process.MigrationVariables.BATCH_ID;
import static io.mailferry.process.MigrationVariables.MAILBOX_COUNT;
import static io.mailferry.process.MigrationVariables.MAILBOX_IDS;

import io.mailferry.batch.CreatedBatch;
import io.mailferry.process.LicenceGrace;
import io.mailferry.process.MigrationTimers;
import io.mailferry.process.OwnedMigration;
import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Seed step 4: the batch of every mailbox; its users now exist in Microsoft 365, so their licence grace begins. */
@Component("createMigrationBatchDelegate")
class CreateMigrationBatchDelegate implements JavaDelegate {
    private final CutoverBatchService batches;
    private final MigrationTimers timers;
    private final OwnedMigration owned;

    CreateMigrationBatchDelegate(CutoverBatchService batches, MigrationTimers timers, OwnedMigration owned) {
        this.batches = batches;
        this.timers = timers;
        this.owned = owned;
    }

    @Override
    public void execute(DelegateExecution execution) {
        // the migration's own domain and endpoint, never the variables of the same names
        CreatedBatch batch = batches.createBatch(owned.domain(execution), owned.sourceEndpoint(execution));
        owned.claimBatch(execution, batch.batchId());
        execution.setVariable(BATCH_ID, batch.batchId());
        execution.setVariable(MAILBOX_IDS, new ArrayList<>(batch.mailboxIds()));
        execution.setVariable(MAILBOX_COUNT, batch.mailboxIds().size());
        LicenceGrace.start(execution, timers);
    }
}
