package io.mailferry.cutover;

import io.mailferry.process.Variables;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Decides, when the operator completes the MX propagation wait, whether it may end: only after {@code mxWaitUntil},
 * or earlier with a reason. The seed asks for at least 72 hours so that no mail still goes to the old server; an
 * operator may know better (a short TTL lowered days ago), and then the reason is kept in the history.
 * <p>
 * The decision is a variable for {@code Gateway_MxWaitMayEnd}, which returns a premature completion to the task with
 * the explanation, rather than an exception: Camunda wraps listener exceptions into an internal server error.
 */
@Component("mxPropagationWaitGuard")
public class MxPropagationWaitGuard implements TaskListener {
    @Override
    public void notify(DelegateTask task) {
        Date until = (Date) task.getVariable("mxWaitUntil");
        Object reason = task.getVariable("earlyCompletionReason");
        boolean hasReason = reason != null && !reason.toString().isBlank();
        boolean waitOver = until == null || !ClockUtil.getCurrentTime().before(until);
        task.setVariable("mxWaitMayEnd", waitOver || hasReason);
        if (waitOver || hasReason) {
            task.removeVariable("mxWaitRefusal");
        } else {
            task.setVariable("mxWaitRefusal", "The MX propagation wait ends at " + Variables.human(until.toInstant())
                    + ". To finish it earlier, give a reason in \"Reason for ending the wait early\".");
        }
    }
}
