package io.mailferry.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.mailferry.process.MigrationTimers;
import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class RecordMxChangeDelegateTest {
    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void startsTheWaitAtTheChangeAndANewRoundOfRoutingChecks() {
        MigrationTimers timers = new MigrationTimers();
        timers.setMxPropagationWait(Duration.ofHours(72));
        Date changed = new Date(1_800_000_000_000L);
        ClockUtil.setCurrentTime(changed);
        DelegateExecution execution = mock(DelegateExecution.class);

        new RecordMxChangeDelegate(timers).execute(execution);

        ArgumentCaptor<Object> until = ArgumentCaptor.forClass(Object.class);
        verify(execution).setVariable(org.mockito.ArgumentMatchers.eq("mxWaitUntil"), until.capture());
        assertThat(((Date) until.getValue()).getTime() - changed.getTime()).isEqualTo(Duration.ofHours(72).toMillis());
        verify(execution).setVariable("mxChangedAt", changed);
        verify(execution).setVariable("routingChecks", 0);
        verify(execution).removeVariable("earlyCompletionReason");
    }
}
