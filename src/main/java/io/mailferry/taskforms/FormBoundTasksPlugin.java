package io.mailferry.taskforms;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * The process engine plugin that makes task completions keep to their forms: Camunda accepts any variables with a
 * completion ("Tasklist's REST completion accepts any variables, even with authorisation on"), so one extra
 * {@code sourceEndpointId} or {@code mxTargetHost} would reach the process. The engine's task and form services are
 * replaced by ones that first check the names against the task's form and refuse others with an
 * {@link org.camunda.bpm.engine.AuthorizationException} naming the variable and the task (REST: 403). Engine-internal
 * writes (delegates, listeners) do not pass through these services and are not affected.
 */
@Component
public class FormBoundTasksPlugin extends AbstractProcessEnginePlugin {
    private final DeclaredVariables declared = new DeclaredVariables();

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setTaskService(new FormBoundTaskService(declared));
        configuration.setFormService(new FormBoundFormService(declared));
    }
}
