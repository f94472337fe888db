package io.mailferry.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProcessEngineMetricsTest {
    private final RuntimeService runtime = mock(RuntimeService.class, RETURNS_DEEP_STUBS);
    private final ManagementService management = mock(ManagementService.class, RETURNS_DEEP_STUBS);
    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-05T09:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void bind() {
        new ProcessEngineMetrics(runtime, management, clock).bindTo(registry);
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    @Test
    void shouldReportOpenIncidentsAndJobsDue() {
        when(runtime.createIncidentQuery().count()).thenReturn(2L);
        when(management.createJobQuery().executable().count()).thenReturn(40L);

        assertThat(gauge(ProcessEngineMetrics.OPEN_INCIDENTS)).isEqualTo(2);
        assertThat(gauge(ProcessEngineMetrics.JOBS_DUE)).isEqualTo(40);
    }

    @Test
    void shouldAskTheDatabaseAtMostOncePerRefreshHoweverOftenItIsScraped() {
        when(management.createJobQuery().executable().count()).thenReturn(40L, 55L);

        assertThat(gauge(ProcessEngineMetrics.JOBS_DUE)).isEqualTo(40);
        clock.advance(ProcessEngineMetrics.REFRESH.minusSeconds(1));
        assertThat(gauge(ProcessEngineMetrics.JOBS_DUE)).isEqualTo(40);
        assertThat(gauge(ProcessEngineMetrics.JOBS_DUE)).isEqualTo(40);
        clock.advance(Duration.ofSeconds(1));
        assertThat(gauge(ProcessEngineMetrics.JOBS_DUE)).isEqualTo(55);

        verify(management.createJobQuery().executable(), times(2)).count();
    }

    @Test
    void shouldReportAnUnknownCountNotAStaleOneWhenTheDatabaseFails() {
        when(runtime.createIncidentQuery().count())
                .thenReturn(1L)
                .thenThrow(new ProcessEngineException("connection refused"))
                .thenReturn(0L);

        assertThat(gauge(ProcessEngineMetrics.OPEN_INCIDENTS)).isEqualTo(1);
        clock.advance(ProcessEngineMetrics.REFRESH);
        assertThat(gauge(ProcessEngineMetrics.OPEN_INCIDENTS)).isNaN();
        assertThat(gauge(ProcessEngineMetrics.OPEN_INCIDENTS))
                .as("not asked again before the next refresh")
                .isNaN();
        clock.advance(ProcessEngineMetrics.REFRESH);
        assertThat(gauge(ProcessEngineMetrics.OPEN_INCIDENTS)).isZero();
    }

    private static final class SettableClock extends Clock {
        private Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
