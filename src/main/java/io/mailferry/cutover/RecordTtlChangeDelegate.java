package io.mailferry.cutover;

import io.mailferry.process.Variables;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The TTL wait ends when the longest TTL seen before the change has run out: a server that looked the MX up just
 * before keeps the old answer that long.
 */
@Component("recordTtlChangeDelegate")
class RecordTtlChangeDelegate implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
        Instant changed = ClockUtil.getCurrentTime().toInstant();
        Instant until = changed.plus(Duration.ofSeconds(Variables.number(execution, "mxTtl")));
        execution.setVariable("ttlChangedAt", Variables.date(changed));
        execution.setVariable("ttlWaitUntil", Variables.date(until));
        execution.setVariable("ttlChangedAtText", Variables.human(changed));
        execution.setVariable("ttlWaitUntilText", Variables.human(until));
        execution.removeVariable("ttlEarlyCompletionReason");
    }
}
