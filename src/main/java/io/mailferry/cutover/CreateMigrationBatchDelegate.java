package io.mailferry.cutover;

import static io.mailferry.process.MigrationVariables.BATCH_ID;
import static io.mailferry.process.MigrationVariables.DOMAIN;
import static io.mailferry.process.MigrationVariables.MAILBOX_COUNT;
import static io.mailferry.process.MigrationVariables.MAILBOX_IDS;
import static io.mailferry.process.MigrationVariables.SOURCE_ENDPOINT_ID;

import io.mailferry.batch.CreatedBatch;
import io.mailferry.process.LicenceGrace;
import io.mailferry.process.MigrationTimers;
import io.mailferry.process.Variables;
import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Seed step 4: the batch of every mailbox; its users now exist in Microsoft 365, so their licence grace begins. */
@Component("createMigrationBatchDelegate")
class CreateMigrationBatchDelegate implements JavaDelegate {
    private final CutoverBatchService batches;
    private final MigrationTimers timers;

    CreateMigrationBatchDelegate(CutoverBatchService batches, MigrationTimers timers) {
        this.batches = batches;
        this.timers = timers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        CreatedBatch batch = batches.createBatch(
                Variables.string(execution, DOMAIN), Variables.number(execution, SOURCE_ENDPOINT_ID));
        execution.setVariable(BATCH_ID, batch.batchId());
        execution.setVariable(MAILBOX_IDS, new ArrayList<>(batch.mailboxIds()));
        execution.setVariable(MAILBOX_COUNT, batch.mailboxIds().size());
        LicenceGrace.start(execution, timers);
    }
}
