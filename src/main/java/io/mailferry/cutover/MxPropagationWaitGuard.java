package io.mailferry.cutover;

import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.TimeZone;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Refuses to end the MX propagation wait before {@code mxWaitUntil} unless the operator gives a reason.
 * The seed asks for at least 72 hours so that no mail still goes to the old server; an operator may know better
 * (a short TTL lowered days ago), but then the reason is kept in the history.
 */
@Component("mxPropagationWaitGuard")
public class MxPropagationWaitGuard implements TaskListener {
    static final String WAIT_UNTIL = "mxWaitUntil";
    static final String REASON = "earlyCompletionReason";

    @Override
    public void notify(DelegateTask task) {
        Date until = (Date) task.getVariable(WAIT_UNTIL);
        Object reason = task.getVariable(REASON);
        boolean hasReason = reason != null && !reason.toString().isBlank();
        if (until != null && ClockUtil.getCurrentTime().before(until) && !hasReason) {
            throw new FormFieldValidationException(REASON, "The MX propagation wait ends at " + format(until)
                    + ". To finish it earlier, give a reason in \"Reason for ending the wait early\".");
        }
    }

    static String format(Date date) {
        SimpleDateFormat utc = new SimpleDateFormat("yyyy-MM-dd HH:mm 'UTC'");
        utc.setTimeZone(TimeZone.getTimeZone("UTC"));
        return utc.format(date);
    }
}
