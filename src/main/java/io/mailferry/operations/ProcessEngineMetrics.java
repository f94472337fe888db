package io.mailferry.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The process engine's gauges: open incidents (what an operator must look at) and the job executor's backlog (jobs
 * due now). Both count rows of the shared database, so every node reports the same numbers, each at most one query
 * per {@link #REFRESH}.
 */
@Component
class ProcessEngineMetrics implements MeterBinder {
    static final String OPEN_INCIDENTS = "mailferry.incidents.open";
    static final String JOBS_DUE = "mailferry.jobs.due";
    static final Duration REFRESH = Duration.ofSeconds(15);

    private final CachedCount openIncidents;
    private final CachedCount jobsDue;

    @Autowired
    ProcessEngineMetrics(RuntimeService runtime, ManagementService management) {
        this(runtime, management, Clock.systemUTC());
    }

    ProcessEngineMetrics(RuntimeService runtime, ManagementService management, Clock clock) {
        openIncidents = new CachedCount(
                "open incidents", () -> runtime.createIncidentQuery().count(), REFRESH, clock);
        // executable(): retries left, due (no due date or one passed), process instance not suspended; the jobs
        // running now are locked but still counted
        jobsDue = new CachedCount(
                "jobs due", () -> management.createJobQuery().executable().count(), REFRESH, clock);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(OPEN_INCIDENTS, openIncidents, CachedCount::value)
                .description("Open incidents: failed jobs out of retries and other failures waiting for an operator")
                .register(registry);
        Gauge.builder(JOBS_DUE, jobsDue, CachedCount::value)
                .description("Jobs the job executor could run now (due, retries left, not suspended): its backlog")
                .register(registry);
    }
}
