package io.mailferry.taskforms;

import io.mailferry.secrets.SecretStore;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The process engine plugin that makes task completions keep to their forms: Camunda accepts any variables with a
 * completion ("Tasklist's REST completion accepts any variables, even with authorisation on"), so one extra
 * {@code sourceEndpointId} or {@code mxTargetHost} would reach the process. The engine's task and form services are
 * replaced by ones that first check the names against the task's form and refuse others with an
 * {@link org.camunda.bpm.engine.AuthorizationException} naming the variable and the task (REST: 403), and that refuse
 * a stored password in any field, start forms included (see {@link SecretValues}). Engine-internal writes (delegates,
 * listeners) do not pass through these services and are not affected.
 */
@Component
public class FormBoundTasksPlugin extends AbstractProcessEnginePlugin {
    private final DeclaredVariables declared;

    /** Without a secret store: only the check of the names. */
    public FormBoundTasksPlugin() {
        this(SecretValues.NONE);
    }

    /** The secret store is looked up at the first completion, not while the engine is being built. */
    @Autowired
    public FormBoundTasksPlugin(ObjectProvider<SecretStore> secrets) {
        this(new SecretValues(values -> {
            SecretStore store = secrets.getIfAvailable();
            return store == null ? Set.of() : store.keysHoldingASecret(values);
        }));
    }

    FormBoundTasksPlugin(SecretValues secrets) {
        this.declared = new DeclaredVariables(secrets);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setTaskService(new FormBoundTaskService(declared));
        configuration.setFormService(new FormBoundFormService(declared));
    }
}
