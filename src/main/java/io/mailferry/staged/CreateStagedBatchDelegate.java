package io.mailferry.staged;

import static io.mailferry.process.MigrationVariables.BATCH_ID;
import static io.mailferry.process.MigrationVariables.MAILBOX_COUNT;
import static io.mailferry.process.MigrationVariables.MAILBOX_IDS;
import static io.mailferry.staged.StagedVariables.BATCH_MAILBOXES_TEXT;
import static io.mailferry.staged.StagedVariables.BATCH_NAME;
import static io.mailferry.staged.StagedVariables.BATCH_NUMBER;

import io.mailferry.batch.CreatedBatch;
import io.mailferry.mailbox.ConfiguredEndpoints;
import io.mailferry.process.OwnedMigration;
import io.mailferry.process.Variables;
import io.mailferry.text.Shown;
import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task 6: the migration batch of this batch of the list, from the migration endpoint of task 5 to Microsoft 365. */
@Component("createStagedBatchDelegate")
class CreateStagedBatchDelegate implements JavaDelegate {
    private final StagedBatchService batches;
    private final ConfiguredEndpoints endpoints;
    private final OwnedMigration owned;

    CreateStagedBatchDelegate(StagedBatchService batches, ConfiguredEndpoints endpoints, OwnedMigration owned) {
        this.batches = batches;
        this.endpoints = endpoints;
        this.owned = owned;
    }

    @Override
    public void execute(DelegateExecution execution) {
        // the migration's own list, domain and endpoint, never the variables of the same names
        CreatedBatch batch = batches.createBatch(
                owned.mailboxList(execution),
                (int) Variables.number(execution, BATCH_NUMBER),
                owned.domain(execution),
                owned.sourceEndpoint(execution),
                endpoints.targetEndpointId());
        owned.claimBatch(execution, batch.batchId());
        execution.setVariable(BATCH_ID, batch.batchId());
        execution.setVariable(BATCH_NAME, batch.name());
        execution.setVariable(MAILBOX_IDS, new ArrayList<>(batch.mailboxIds()));
        execution.setVariable(MAILBOX_COUNT, batch.mailboxIds().size());
        execution.setVariable(BATCH_MAILBOXES_TEXT, Shown.firstOf(batch.addresses()));
    }
}
