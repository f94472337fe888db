package io.mailferry.staged;

import static io.mailferry.staged.StagedVariables.BATCH_NUMBER;
import static io.mailferry.staged.StagedVariables.MIGRATED_BATCH_NUMBER;
import static io.mailferry.staged.StagedVariables.STAGED_MIGRATION_ID;

import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Batches one by one: the batch after the one just migrated may now be created and started. */
@Component("startNextBatchDelegate")
class StartNextBatchDelegate implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
        long next = Variables.number(execution, MIGRATED_BATCH_NUMBER) + 1;
        execution
                .getProcessEngineServices()
                .getRuntimeService()
                .createMessageCorrelation(StagedMigrationIds.MESSAGE_BATCH_TURN)
                .processInstanceVariableEquals(STAGED_MIGRATION_ID, execution.getProcessInstanceId())
                .processInstanceVariableEquals(BATCH_NUMBER, next)
                .correlate();
    }
}
