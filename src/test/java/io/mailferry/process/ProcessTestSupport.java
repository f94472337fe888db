package io.mailferry.process;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.test.mock.Mocks;

/** Helpers for the process-scope tests: delegates replaced by recording stand-ins, jobs run on demand. */
public final class ProcessTestSupport {
    /**
     * Not camunda.cfg.xml: under that name Camunda's ProcessEngines.init() would also build this engine as "default"
     * inside the Spring Boot tests, and the REST API would authenticate against its empty user table.
     */
    public static final String ENGINE_CONFIGURATION = "process-test.cfg.xml";
    private final ProcessEngine engine;
    private final Map<String, Integer> calls = new HashMap<>();

    public ProcessTestSupport(ProcessEngine engine) {
        this.engine = engine;
        // The Spring Boot tests' engine may be registered too; the assertions must use this one.
        AbstractAssertions.init(engine);
        Mocks.reset();
        ClockUtil.reset();
        MigrationTimers timers = new MigrationTimers();
        timers.setDomainRecheckInterval(Duration.ofMinutes(15));
        timers.setDomainMaxChecks(3);
        timers.setRoutingMaxChecks(2);
        Mocks.register("migrationTimers", timers);
    }

    /** Registers a delegate stand-in that counts its calls and applies {@code behaviour}. */
    public void delegate(String name, Consumer<DelegateExecution> behaviour) {
        Mocks.register(name, new StandIn(() -> calls.merge(name, 1, Integer::sum), behaviour));
    }

    /** Serves as a service-task delegate and as an execution listener, as the model needs. */
    private record StandIn(Runnable count, Consumer<DelegateExecution> behaviour) implements JavaDelegate, ExecutionListener {
        @Override
        public void execute(DelegateExecution execution) {
            count.run();
            behaviour.accept(execution);
        }

        @Override
        public void notify(DelegateExecution execution) {
            execute(execution);
        }
    }

    /** A delegate stand-in that sets the given variables. */
    public void delegate(String name, Object... keyValues) {
        delegate(name, execution -> {
            for (int i = 0; i < keyValues.length; i += 2) {
                execution.setVariable((String) keyValues[i], keyValues[i + 1]);
            }
        });
    }

    public int calls(String delegate) {
        return calls.getOrDefault(delegate, 0);
    }

    /** Executes due jobs (async continuations, due timers) until none is left; returns how many ran. */
    public int runDueJobs() {
        int ran = 0;
        for (int guard = 0; guard < 500; guard++) {
            Job job = engine.getManagementService().createJobQuery().executable().listPage(0, 1).stream().findFirst().orElse(null);
            if (job == null) {
                return ran;
            }
            engine.getManagementService().executeJob(job.getId());
            ran++;
        }
        throw new AssertionError("Jobs keep coming after 500 executions: a loop without a wait state?");
    }

    /** Moves the engine clock forward, so that timers become due. */
    public void advance(Duration by) {
        ClockUtil.setCurrentTime(new java.util.Date(ClockUtil.getCurrentTime().getTime() + by.toMillis()));
    }
}
