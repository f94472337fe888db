package io.mailferry.cutover;

import io.mailferry.dns.DnsLookupService;
import io.mailferry.process.Variables;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The MX propagation wait's listener. On create it asks every authoritative server and resolver again, so the form
 * shows what DNS answers now. On complete it decides whether the wait may end: only after {@code mxWaitUntil}, or
 * earlier with a reason. The seed asks for at least 72 hours so that no mail still goes to the old server; an
 * operator may know better (a short TTL lowered days ago), and then the reason is kept in the history.
 * <p>
 * The decision is a variable for {@code Gateway_MxWaitMayEnd}, which returns a premature completion to the task with
 * the explanation, rather than an exception: Camunda wraps listener exceptions into an internal server error.
 */
@Component("mxPropagationWaitGuard")
public class MxPropagationWaitGuard implements TaskListener {
    private final DnsLookupService dns;

    public MxPropagationWaitGuard(DnsLookupService dns) {
        this.dns = dns;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            task.setVariable("mxDnsNow", dns.checkMx(Variables.string(task, "domain"),
                    Variables.string(task, "mxTargetHost")).summary());
            return;
        }
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
