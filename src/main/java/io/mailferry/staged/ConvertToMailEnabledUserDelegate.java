package io.mailferry.staged;

import static io.mailferry.process.MigrationVariables.MAILBOX_ID;
import static io.mailferry.staged.StagedVariables.CONVERSION;

import io.mailferry.process.Variables;
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

    ConvertToMailEnabledUserDelegate(MailboxConversionService conversions) {
        this.conversions = conversions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        MailboxConversion result = conversions.convertMailbox(Variables.number(execution, MAILBOX_ID));
        execution.setVariableLocal(CONVERSION, Fit.variable(result.describe()));
    }
}
