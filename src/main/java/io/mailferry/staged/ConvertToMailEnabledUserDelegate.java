package io.mailferry.staged;

import static io.mailferry.process.MigrationVariables.MAILBOX_ID;
import static io.mailferry.staged.StagedVariables.CONVERSION;

import io.mailferry.process.OwnedMigration;
import io.mailferry.text.Fit;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task 8 for one mailbox of the batch (one instance of a parallel multi-instance task, each its own job). The result
 * is a local variable: the instances run side by side and must not all write one process variable.
 */
@Component("convertToMailEnabledUserDelegate")
class ConvertToMailEnabledUserDelegate implements JavaDelegate {
    private final MailboxConversionService conversions;
    private final OwnedMigration owned;

    ConvertToMailEnabledUserDelegate(MailboxConversionService conversions, OwnedMigration owned) {
        this.conversions = conversions;
        this.owned = owned;
    }

    @Override
    public void execute(DelegateExecution execution) {
        MailboxConversion result = conversions.convertMailbox(owned.mailbox(execution, MAILBOX_ID));
        execution.setVariableLocal(CONVERSION, Fit.variable(result.describe()));
    }
}
