package io.mailferry.staged;

import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Batches one by one: the batch after the one just migrated may now be created and started. */
@Component("startNextBatchDelegate")
class StartNextBatchDelegate implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
        long next = Variables.number(execution, "migratedBatchNumber") + 1;
        execution.getProcessEngineServices().getRuntimeService()
                .createMessageCorrelation(StagedMigrationIds.MESSAGE_BATCH_TURN)
                .processInstanceVariableEquals("stagedMigrationId", execution.getProcessInstanceId())
                .processInstanceVariableEquals("batchNumber", next)
                .correlate();
    }
}
