package io.mailferry.cutover;

import io.mailferry.process.MigrationTimers;
import io.mailferry.process.Variables;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** Seed step 5: notes when the MX changed and when the propagation wait may end. */
@Component("recordMxChangeDelegate")
class RecordMxChangeDelegate implements JavaDelegate {
    private final MigrationTimers timers;

    RecordMxChangeDelegate(MigrationTimers timers) {
        this.timers = timers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Instant changed = ClockUtil.getCurrentTime().toInstant();
        // the later of the configured wait (seed: 72 h) and the longest TTL the MX had just before the change
        Duration oldTtl = Duration.ofSeconds(execution.getVariable("mxTtlBeforeChange") instanceof Number n ? n.longValue() : 0);
        Duration wait = oldTtl.compareTo(timers.getMxPropagationWait()) > 0 ? oldTtl : timers.getMxPropagationWait();
        Instant until = changed.plus(wait);
        execution.setVariable("mxChangedAt", Variables.date(changed));
        execution.setVariable("mxWaitUntil", Variables.date(until));
        execution.setVariable("mxChangedAtText", Variables.human(changed));
        execution.setVariable("mxWaitUntilText", Variables.human(until) + " (" + Variables.human(wait) + " after the change)");
        execution.removeVariable("earlyCompletionReason");
        execution.setVariable("routingChecks", 0); // a new change, a new round of routing checks
    }
}
