package io.mailferry.staged;

import io.mailferry.mailbox.ConfiguredEndpoints;
import io.mailferry.process.Variables;
import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task 6: the migration batch of this batch of the list, from the migration endpoint of task 5 to Microsoft 365. */
@Component("createStagedBatchDelegate")
class CreateStagedBatchDelegate implements JavaDelegate {
    private final StagedBatchService batches;
    private final ConfiguredEndpoints endpoints;

    CreateStagedBatchDelegate(StagedBatchService batches, ConfiguredEndpoints endpoints) {
        this.batches = batches;
        this.endpoints = endpoints;
    }

    @Override
    public void execute(DelegateExecution execution) {
        CreatedBatch batch = batches.createBatch(Variables.number(execution, "mailboxListId"),
                (int) Variables.number(execution, "batchNumber"), Variables.string(execution, "domain"),
                Variables.number(execution, "sourceEndpointId"), endpoints.targetEndpointId());
        execution.setVariable("batchId", batch.batchId());
        execution.setVariable("batchName", batch.name());
        execution.setVariable("mailboxIds", new ArrayList<>(batch.mailboxIds()));
        execution.setVariable("mailboxCount", batch.mailboxIds().size());
        execution.setVariable("batchMailboxesText", Shown.firstOf(batch.addresses()));
    }
}
