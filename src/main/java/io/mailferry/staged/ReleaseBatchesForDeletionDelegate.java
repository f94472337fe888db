package io.mailferry.staged;

import static io.mailferry.mailrouting.MailRoutingVariables.MX_CHANGED_AT;
import static io.mailferry.staged.StagedVariables.MAIL_ROUTED_TO_CLOUD_AT;
import static io.mailferry.staged.StagedVariables.STAGED_MIGRATION_ID;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task 10 begins: mail routes to Microsoft 365 since the MX change ({@code mxChangedAt}), the moment each batch's
 * last sync must be later than before the batch may be deleted. Every batch of this migration waits for it.
 */
@Component("releaseBatchesForDeletionDelegate")
class ReleaseBatchesForDeletionDelegate implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
        Date routedAt = (Date) execution.getVariable(MX_CHANGED_AT);
        if (routedAt == null) {
            throw new IllegalStateException("The MX change was not recorded (variable mxChangedAt), so it is unknown"
                    + " since when mail goes to Microsoft 365");
        }
        execution
                .getProcessEngineServices()
                .getRuntimeService()
                .createMessageCorrelation(StagedMigrationIds.MESSAGE_MAIL_ROUTED_TO_CLOUD)
                .processInstanceVariableEquals(STAGED_MIGRATION_ID, execution.getProcessInstanceId())
                .setVariable(MAIL_ROUTED_TO_CLOUD_AT, routedAt)
                .correlateAll();
    }
}
