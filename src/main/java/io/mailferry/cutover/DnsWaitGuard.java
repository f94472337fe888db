package io.mailferry.cutover;

import io.mailferry.dns.DnsLookupService;
import io.mailferry.process.Variables;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
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
    private final String expectedHostVariable;
    private final String reasonVariable;
    private final DnsLookupService dns;

    /**
     * @param expectedHostVariable the variable holding the MX host the servers are compared with
     * @param reasonVariable       the form field with the reason for ending early
     */
    public DnsWaitGuard(String prefix, String waitName, String expectedHostVariable, String reasonVariable, DnsLookupService dns) {
        this.prefix = prefix;
        this.waitName = waitName;
        this.expectedHostVariable = expectedHostVariable;
        this.reasonVariable = reasonVariable;
        this.dns = dns;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            task.setVariable(prefix + "DnsNow", dns.checkMx(Variables.string(task, "domain"),
                    Variables.string(task, expectedHostVariable)).summary());
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
