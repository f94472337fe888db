package io.mailferry.process;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * A node told to stop (SIGTERM: a deploy, a reboot) takes no further job. Camunda stops its job executor only when
 * the engine closes, and Spring closes the engine after its task executor has let the running work finish; each
 * running work item holds a batch of acquired jobs (and the jobs that follow them in their process instance), so a
 * stopping node went on syncing mailbox after mailbox for as long as that took. Stopping the job executor first,
 * when the context starts to close, leaves only the jobs already running: each finishes its slice, and the engine
 * unlocks the acquired jobs it has not started, so another node, or this one started again, takes them at once.
 */
@Component
class StopJobsOnShutdown implements ApplicationListener<ContextClosedEvent> {
    private static final Logger log = LoggerFactory.getLogger(StopJobsOnShutdown.class);

    private final ApplicationContext context;
    private final ProcessEngine engine;

    StopJobsOnShutdown(ApplicationContext context, ProcessEngine engine) {
        this.context = context;
        this.engine = engine;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext() != context) {
            return; // a child context closing, not this node
        }
        JobExecutor jobs = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
        if (jobs != null && jobs.isActive()) {
            log.info("Stopping: no further job is taken; the running ones finish and the others are unlocked");
            jobs.shutdown();
        }
    }
}
