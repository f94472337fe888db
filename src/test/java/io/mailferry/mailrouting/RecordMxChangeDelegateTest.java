package io.mailferry.mailrouting;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailferry.process.MigrationTimers;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The MX propagation wait ends at the change plus the longer of the configured wait and the largest old TTL. */
class RecordMxChangeDelegateTest {
    private static final Date CHANGED = new Date(1_800_000_000_000L);
    private final MigrationTimers timers = new MigrationTimers();
    private final Map<String, Object> variables = new HashMap<>(Map.of(
            "mxTtlBeforeChange",
            3600L,
            "mxTtlBeforeChangeText",
            "contoso.com MX: TTL 3600 s",
            "autodiscoverTtlBeforeChange",
            300L,
            "autodiscoverTtlBeforeChangeText",
            "autodiscover.contoso.com did not exist (NXDOMAIN); negative answers are cached for 300 s (SOA of contoso.com)",
            "spfTtlBeforeChange",
            86400L,
            "spfTtlBeforeChangeText",
            "contoso.com TXT: TTL 86400 s",
            "earlyCompletionReason",
            "from the last round",
            "spfIncludeOffered",
            true));

    @BeforeEach
    void clock() {
        ClockUtil.setCurrentTime(CHANGED);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private DelegateExecution record() {
        DelegateExecution execution = MapExecution.of(variables);
        new RecordMxChangeDelegate(timers).execute(execution);
        return execution;
    }

    private static long waitedMillis(DelegateExecution execution) {
        return ((Date) execution.getVariable("mxWaitUntil")).getTime() - CHANGED.getTime();
    }

    @Test
    void startsTheWaitAtTheChangeAndForgetsAnEarlierReasonToEndIt() {
        timers.setMxPropagationWait(Duration.ofHours(72));

        DelegateExecution execution = record();

        assertThat(waitedMillis(execution)).isEqualTo(Duration.ofHours(72).toMillis());
        assertThat(execution.getVariable("mxChangedAt")).isEqualTo(CHANGED);
        assertThat(execution.getVariable("earlyCompletionReason")).isNull();
        assertThat((String) execution.getVariable("mxWaitUntilText"))
                .endsWith("(3 days after the change: the wait of "
                        + "at least 3 days, longer than the largest old TTL of 1 hour)");
    }

    @Test
    void theNegativeCachingTtlOfAnAutodiscoverNameThatDidNotExistCanDecide() {
        timers.setMxPropagationWait(Duration.ofMinutes(1));
        variables.put("mxTtlBeforeChange", 60L);
        variables.put("mxTtlBeforeChangeText", "contoso.com MX: TTL 60 s");

        DelegateExecution execution = record();

        assertThat(waitedMillis(execution)).isEqualTo(Duration.ofSeconds(300).toMillis());
        assertThat((String) execution.getVariable("mxWaitUntilText"))
                .endsWith(
                        "(5 minutes after the change: the largest old TTL, longer than the 1 minute to wait at least)");
        assertThat(execution.getVariable("ttlsBeforeChangeText"))
                .isEqualTo(
                        "contoso.com MX: TTL 60 s\n"
                                + "autodiscover.contoso.com did not exist (NXDOMAIN); negative answers are cached for 300 s (SOA of contoso.com)");
    }

    @Test
    void theSpfRecordsOldTtlCountsOnlyWhenItChanged() {
        timers.setMxPropagationWait(Duration.ofHours(1));
        variables.put("changeSpf", true);

        DelegateExecution execution = record();

        assertThat(waitedMillis(execution)).isEqualTo(Duration.ofDays(1).toMillis());
        assertThat((String) execution.getVariable("ttlsBeforeChangeText")).endsWith("\ncontoso.com TXT: TTL 86400 s");
    }
}
