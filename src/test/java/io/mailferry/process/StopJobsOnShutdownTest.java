package io.mailferry.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;

/**
 * A node told to stop takes no further job: its job executor is stopped as soon as its context starts to close, not
 * after the running work has drained (the restart test in ClusterTest shows what that means for a sync).
 */
class StopJobsOnShutdownTest {
    @RegisterExtension
    static ProcessEngineExtension extension = ProcessEngineExtension.builder()
            .configurationResource(ProcessTestSupport.ENGINE_CONFIGURATION)
            .build();

    private final GenericApplicationContext node = new GenericApplicationContext();
    private final GenericApplicationContext child = new GenericApplicationContext(node);

    @AfterEach
    void stopJobExecutor() {
        jobExecutor().shutdown();
    }

    @Test
    void theJobExecutorStopsWhenTheNodesContextStartsToClose() {
        jobExecutor().start();
        StopJobsOnShutdown stop = new StopJobsOnShutdown(node, extension.getProcessEngine());

        stop.onApplicationEvent(new ContextClosedEvent(child));
        assertThat(jobExecutor().isActive())
                .as("a child context closing stops nothing")
                .isTrue();

        stop.onApplicationEvent(new ContextClosedEvent(node));
        assertThat(jobExecutor().isActive())
                .as("no further job is acquired or started")
                .isFalse();
    }

    private static JobExecutor jobExecutor() {
        ProcessEngine engine = extension.getProcessEngine();
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    }
}
