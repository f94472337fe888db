package io.mailferry.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EndpointLimiterTest {

    @Test
    void aThirdMailboxWaitsForATurnOnASharedEndpointAndGetsItWhenOneFinishes() throws Exception {
        EndpointLimiter limiter = new EndpointLimiter(2);
        AutoCloseable first = limiter.acquire(1, 2, Duration.ZERO);
        AutoCloseable second = limiter.acquire(1, 3, Duration.ZERO);

        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(limiter.inUse(1)).isEqualTo(2);
        assertThat(limiter.acquire(1, 4, Duration.ofMillis(50)))
                .as("endpoint 1 is full")
                .isNull();
        assertThat(limiter.inUse(4)).as("a refused turn holds nothing").isZero();

        first.close();
        AutoCloseable third = limiter.acquire(4, 1, Duration.ofMillis(50));
        assertThat(third).isNotNull();
        assertThat(limiter.inUse(2)).isZero();
        third.close();
        second.close();
        assertThat(limiter.inUse(1)).isZero();
    }

    @Test
    void onlyASliceThatHadToQueueIsMeasuredOnTheEndpointItQueuedFor() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EndpointLimiter limiter = new EndpointLimiter(1, new SyncMetrics(registry));
        AutoCloseable holder = limiter.acquire(1, 2, Duration.ZERO);
        assertThat(registry.find(SyncMetrics.ENDPOINT_WAIT).timers())
                .as("a free turn")
                .isEmpty();

        assertThat(limiter.acquire(3, 2, Duration.ofMillis(20))).isNull();
        holder.close();
        limiter.acquire(2, 4, Duration.ofMillis(20)).close();

        Timer refused = registry.get(SyncMetrics.ENDPOINT_WAIT)
                .tag("endpoint", "2")
                .tag("outcome", "no_turn")
                .timer();
        assertThat(refused.count()).isEqualTo(1);
        assertThat(refused.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(15);
        assertThat(registry.find(SyncMetrics.ENDPOINT_WAIT).timers())
                .as("2 was free again for the last slice")
                .hasSize(1);
    }

    @Test
    void aFullTargetReleasesTheSourceTurnItHadTaken() throws Exception {
        EndpointLimiter limiter = new EndpointLimiter(1);
        AutoCloseable holder = limiter.acquire(5, 5, Duration.ZERO);

        assertThat(limiter.acquire(1, 5, Duration.ofMillis(20))).isNull();
        assertThat(limiter.inUse(1)).isZero();
        holder.close();
        assertThat(limiter.acquire(1, 5, Duration.ZERO)).isNotNull();
    }
}
