package io.mailferry.sourceendpoint;

import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;

/**
 * An in-memory engine (full history, no job executor) with {@code ConnectSourceEndpoint} and its form deployed and
 * the listeners around its task doing nothing: for tests of what a completion of the endpoint task does. Call
 * {@code Mocks.reset()} and {@code close()} afterwards.
 */
public final class EndpointTaskEngine {
    private EndpointTaskEngine() {}

    public static ProcessEngine start(String name, ProcessEnginePlugin... plugins) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl)
                ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
                        .setProcessEngineName(name + "-" + UUID.randomUUID())
                        .setJdbcUrl("jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=1000")
                        .setJobExecutorActivate(false)
                        .setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setExpressionManager(new MockExpressionManager());
        configuration.getProcessEnginePlugins().addAll(List.of(plugins));
        ProcessEngine engine = configuration.buildProcessEngine();
        AbstractAssertions.init(engine);
        Mocks.reset();
        Mocks.register("sourceEndpointDefaultsListener", (ExecutionListener) x -> {});
        Mocks.register("credentialReferenceGuard", (TaskListener) t -> {});
        engine.getRepositoryService()
                .createDeployment()
                .addClasspathResource("processes/ConnectSourceEndpoint.bpmn")
                .addClasspathResource("processes/EnterMigrationEndpoint.form")
                .deploy();
        return engine;
    }
}
