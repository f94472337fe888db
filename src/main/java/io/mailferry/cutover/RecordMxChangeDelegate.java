package io.mailferry.cutover;

import io.mailferry.process.MigrationTimers;
import io.mailferry.process.Variables;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Seed step 5: notes when the records changed and when the propagation wait may end: the change time plus the longer
 * of the configured wait (seed: 72 h) and the largest TTL a resolver may still hold an old answer for — the MX's, the
 * Autodiscover name's (its negative-caching TTL when it did not exist) and, when it changed, the SPF record's.
 */
@Component("recordMxChangeDelegate")
class RecordMxChangeDelegate implements JavaDelegate {
    private static final List<String> RECORDS = List.of("mx", "autodiscover", "spf");

    private final MigrationTimers timers;

    RecordMxChangeDelegate(MigrationTimers timers) {
        this.timers = timers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Instant changed = ClockUtil.getCurrentTime().toInstant();
        boolean spfChanged = NewRecordsCheck.spfChosen(execution);
        long longestTtl = 0;
        List<String> ttls = new ArrayList<>();
        for (String record : RECORDS) {
            if (record.equals("spf") && !spfChanged) {
                continue;
            }
            longestTtl = Math.max(longestTtl, execution.getVariable(record + "TtlBeforeChange") instanceof Number n ? n.longValue() : 0);
            Object text = execution.getVariable(record + "TtlBeforeChangeText");
            if (text != null) {
                ttls.add(text.toString());
            }
        }
        Duration configured = timers.getMxPropagationWait();
        Duration oldTtl = Duration.ofSeconds(longestTtl);
        boolean ttlDecides = oldTtl.compareTo(configured) > 0;
        Duration wait = ttlDecides ? oldTtl : configured;
        Instant until = changed.plus(wait);
        execution.setVariable("mxChangedAt", Variables.date(changed));
        execution.setVariable("mxWaitUntil", Variables.date(until));
        execution.setVariable("mxChangedAtText", Variables.human(changed));
        execution.setVariable("mxWaitUntilText", Variables.human(until) + " (" + Variables.human(wait) + " after the change: "
                + (ttlDecides ? "the largest old TTL, longer than the " + Variables.human(configured) + " to wait at least"
                        : "the wait of at least " + Variables.human(configured) + ", longer than the largest old TTL of "
                        + Variables.human(oldTtl)) + ")");
        execution.setVariable("ttlsBeforeChangeText", ttls.isEmpty() ? "(not read)" : String.join("\n", ttls));
        execution.removeVariable("earlyCompletionReason");
        execution.setVariable("routingChecks", 0); // a new change, a new round of routing checks
    }
}
