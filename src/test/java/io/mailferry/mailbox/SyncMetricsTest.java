package io.mailferry.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SyncMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SyncMetrics metrics = new SyncMetrics(registry);

    private double counted(String name, String pass) {
        return registry.get(name).tag("pass", pass).counter().count();
    }

    private double slices(String pass, String outcome) {
        return registry.get(SyncMetrics.SLICES)
                .tag("pass", pass)
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    @Test
    void shouldAddWhatEachSliceCopiedAndSkippedToItsPass() {
        metrics.sliceEnded(SyncPass.INITIAL, new SliceResult(false, 3, 1, 1, 4_096, 0, 0));
        metrics.sliceEnded(SyncPass.INITIAL, new SliceResult(true, 2, 0, 0, 1_000, 5, 0));
        metrics.sliceEnded(SyncPass.DELTA, new SliceResult(true, 1, 7, 2, 10, 0, 0));

        assertThat(counted(SyncMetrics.MESSAGES_COPIED, "initial")).isEqualTo(5);
        assertThat(counted(SyncMetrics.BYTES_COPIED, "initial")).isEqualTo(5_096);
        assertThat(counted(SyncMetrics.MESSAGES_SKIPPED, "initial")).isEqualTo(1);
        assertThat(counted(SyncMetrics.MESSAGES_COPIED, "delta")).isEqualTo(1);
        assertThat(counted(SyncMetrics.MESSAGES_SKIPPED, "delta")).isEqualTo(2);
        assertThat(counted(SyncMetrics.MESSAGES_COPIED, "final")).isZero();
        assertThat(slices("initial", "partial")).isEqualTo(1);
        assertThat(slices("initial", "complete")).isEqualTo(1);
        assertThat(slices("delta", "complete")).isEqualTo(1);
    }

    @Test
    void shouldCountSlicesThatFailedOrDidNothingByTheirReason() {
        metrics.slice(SyncPass.DELTA, SyncMetrics.SliceOutcome.FAILED);
        metrics.slice(SyncPass.DELTA, SyncMetrics.SliceOutcome.NO_TURN);
        metrics.slice(SyncPass.DELTA, SyncMetrics.SliceOutcome.NO_TURN);
        metrics.slice(SyncPass.FINAL, SyncMetrics.SliceOutcome.MAILBOX_BUSY);

        assertThat(slices("delta", "failed")).isEqualTo(1);
        assertThat(slices("delta", "no_turn")).isEqualTo(2);
        assertThat(slices("final", "mailbox_busy")).isEqualTo(1);
        assertThat(counted(SyncMetrics.MESSAGES_COPIED, "delta")).isZero();
    }

    @Test
    void shouldOfferEveryCounterAtZeroBeforeTheFirstSlice() {
        assertThat(registry.get(SyncMetrics.MESSAGES_COPIED).counters()).hasSize(SyncPass.values().length);
        assertThat(registry.get(SyncMetrics.SLICES).counters())
                .hasSize(SyncPass.values().length * SyncMetrics.SliceOutcome.values().length)
                .allSatisfy(counter -> assertThat(counter.count()).isZero());
    }

    @Test
    void shouldTimeQueuedTurnsPerEndpointAndOutcome() {
        metrics.endpointWait(7, Duration.ofSeconds(3), true);
        metrics.endpointWait(7, Duration.ofSeconds(60), false);
        metrics.endpointWait(8, Duration.ofSeconds(1), true);

        var turn = registry.get(SyncMetrics.ENDPOINT_WAIT)
                .tag("endpoint", "7")
                .tag("outcome", "turn")
                .timer();
        var noTurn = registry.get(SyncMetrics.ENDPOINT_WAIT)
                .tag("endpoint", "7")
                .tag("outcome", "no_turn")
                .timer();
        assertThat(turn.count()).isEqualTo(1);
        assertThat(turn.totalTime(java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(noTurn.count()).isEqualTo(1);
        assertThat(registry.get(SyncMetrics.ENDPOINT_WAIT).timers()).hasSize(3);
    }
}
