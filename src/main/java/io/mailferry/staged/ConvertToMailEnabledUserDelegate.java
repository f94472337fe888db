package io.mailferry.staged;

import static io.mailferry.process.MigrationVariables.MAILBOX_ID;
import static io.mailferry.staged.StagedVariables.CONVERSION;
import static io.mailferry.staged.StagedVariables.CONVERSION_BLOCKER;
import static io.mailferry.staged.StagedVariables.CONVERSION_RECHECK_TEXT;
import static io.mailferry.staged.StagedVariables.MAILBOX_ADDRESS;
import static io.mailferry.staged.StagedVariables.MAILBOX_FINISHED;

import io.mailferry.process.MigrationTimers;
import io.mailferry.process.OwnedMigration;
import io.mailferry.process.Variables;
import io.mailferry.text.Fit;
import io.mailferry.text.Inert;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task 8 for one mailbox of the batch (one instance of a parallel multi-instance subprocess within its group of at most
 * 100, each conversion its own job). The results are local variables: the instances run side by side and must not all
 * write one process variable.
 */
@Component("convertToMailEnabledUserDelegate")
class ConvertToMailEnabledUserDelegate implements JavaDelegate {
    /** The form shows a few lines of the reason at most. */
    private static final int BLOCKER = 600;

    private final MailboxConversionService conversions;
    private final OwnedMigration owned;
    private final MigrationTimers timers;

    ConvertToMailEnabledUserDelegate(
            MailboxConversionService conversions, OwnedMigration owned, MigrationTimers timers) {
        this.conversions = conversions;
        this.owned = owned;
        this.timers = timers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        MailboxConversion result = conversions.convertMailbox(owned.mailbox(execution, MAILBOX_ID));
        execution.setVariableLocal(CONVERSION, Fit.variable(result.describe()));
        execution.setVariableLocal(MAILBOX_FINISHED, result.finished());
        if (!result.finished()) {
            // both reach the form: the address came from a list, the reason quotes the mail server
            execution.setVariableLocal(MAILBOX_ADDRESS, Inert.markdown(result.address()));
            execution.setVariableLocal(CONVERSION_BLOCKER, Inert.markdown(result.notFinishedBecause(), BLOCKER));
            execution.setVariableLocal(CONVERSION_RECHECK_TEXT, Variables.human(timers.getConversionRecheckInterval()));
        }
    }
}
