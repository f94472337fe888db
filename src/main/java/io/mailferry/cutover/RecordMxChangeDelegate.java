package io.mailferry.cutover;

import io.mailferry.process.MigrationTimers;
import io.mailferry.process.Variables;
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
        Instant until = changed.plus(timers.getMxPropagationWait());
        execution.setVariable("mxChangedAt", Variables.date(changed));
        execution.setVariable("mxWaitUntil", Variables.date(until));
        execution.setVariable("mxChangedAtText", Variables.human(changed));
        execution.setVariable("mxWaitUntilText", Variables.human(until) + " (" + Variables.human(timers.getMxPropagationWait()) + " after the change)");
        execution.removeVariable("earlyCompletionReason");
        execution.setVariable("routingChecks", 0); // a new change, a new round of routing checks
    }
}
