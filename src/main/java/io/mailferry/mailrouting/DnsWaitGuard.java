package io.mailferry.mailrouting;

import io.mailferry.process.Variables;
import io.mailferry.text.Inert;
import java.util.Date;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The listener of a DNS wait task (the TTL wait, the MX propagation wait). On create it asks the servers again, so
 * the form shows what DNS answers now. On complete it decides whether the wait may end: only after its end, or
 * earlier with a reason, which then stays in the history; otherwise the refusal says until when.
 * <p>
 * The decision is a variable for the gateway after the task, which returns a premature completion to the task, rather
 * than an exception: Camunda wraps listener exceptions into an internal server error.
 */
public class DnsWaitGuard implements TaskListener {
    /**
     * The variables of one wait.
     *
     * @param until   when the wait ends (a Date)
     * @param dnsNow  written on create: what every server answers now, one line per server
     * @param mayEnd  written on complete, for the gateway
     * @param refusal written on complete when the wait may not end yet
     * @param reason  the form field with the reason for ending early
     */
    public record WaitVariables(String until, String dnsNow, String mayEnd, String refusal, String reason) {}

    private final WaitVariables names;
    private final String waitName;
    private final Function<DelegateTask, String> dnsNow;

    public DnsWaitGuard(WaitVariables names, String waitName, Function<DelegateTask, String> dnsNow) {
        this.names = names;
        this.waitName = waitName;
        this.dnsNow = dnsNow;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            task.setVariable(names.dnsNow(), Inert.code(dnsNow.apply(task)));
            return;
        }
        Date until = (Date) task.getVariable(names.until());
        Object reason = task.getVariable(names.reason());
        boolean hasReason = reason != null && !reason.toString().isBlank();
        boolean waitOver = until == null || !ClockUtil.getCurrentTime().before(until);
        task.setVariable(names.mayEnd(), waitOver || hasReason);
        if (waitOver || hasReason) {
            task.removeVariable(names.refusal());
        } else {
            task.setVariable(
                    names.refusal(),
                    waitName + " ends at " + Variables.human(until.toInstant())
                            + ". To finish it earlier, give a reason in \"Reason for ending the wait early\".");
        }
    }
}
