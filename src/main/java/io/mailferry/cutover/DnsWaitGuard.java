package io.mailferry.cutover;

import io.mailferry.process.Variables;
import java.util.Date;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The listener of a DNS wait task (the TTL wait, the MX propagation wait). On create it asks every authoritative
 * server and resolver again, so the form shows what DNS answers now ({@code <prefix>DnsNow}). On complete it decides
 * whether the wait may end ({@code <prefix>WaitMayEnd}): only after {@code <prefix>WaitUntil}, or earlier with a
 * reason, which then stays in the history; otherwise {@code <prefix>WaitRefusal} says until when.
 * <p>
 * The decision is a variable for the gateway after the task, which returns a premature completion to the task, rather
 * than an exception: Camunda wraps listener exceptions into an internal server error.
 */
public class DnsWaitGuard implements TaskListener {
    private final String prefix;
    private final String waitName;
    private final String reasonVariable;
    private final Function<VariableScope, String> dnsNow;

    /**
     * @param reasonVariable the form field with the reason for ending early
     * @param dnsNow         what every server answers now for the records the wait is about, one line per server
     */
    public DnsWaitGuard(String prefix, String waitName, String reasonVariable, Function<VariableScope, String> dnsNow) {
        this.prefix = prefix;
        this.waitName = waitName;
        this.reasonVariable = reasonVariable;
        this.dnsNow = dnsNow;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            task.setVariable(prefix + "DnsNow", dnsNow.apply(task));
            return;
        }
        Date until = (Date) task.getVariable(prefix + "WaitUntil");
        Object reason = task.getVariable(reasonVariable);
        boolean hasReason = reason != null && !reason.toString().isBlank();
        boolean waitOver = until == null || !ClockUtil.getCurrentTime().before(until);
        task.setVariable(prefix + "WaitMayEnd", waitOver || hasReason);
        if (waitOver || hasReason) {
            task.removeVariable(prefix + "WaitRefusal");
        } else {
            task.setVariable(prefix + "WaitRefusal", waitName + " ends at " + Variables.human(until.toInstant())
                    + ". To finish it earlier, give a reason in \"Reason for ending the wait early\".");
        }
    }
}
