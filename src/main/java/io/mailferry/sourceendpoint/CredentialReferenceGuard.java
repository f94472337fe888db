package io.mailferry.sourceendpoint;

import io.mailferry.secrets.SecretStore;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Refuses a {@code sourceCredentialRef} that is not a stored secret's reference — most likely a password typed into
 * the wrong field — inside the very transaction that would store it, so it is rolled back before it reaches a process
 * variable or the history. The form's pattern only guards the browser; REST and Cockpit go around it.
 * Listens when a migration starts and when the endpoint task completes.
 */
@Component("credentialReferenceGuard")
public class CredentialReferenceGuard implements TaskListener, ExecutionListener {
    static final String VARIABLE = SourceEndpointVariables.SOURCE_CREDENTIAL_REF;
    private static final Pattern REFERENCE = Pattern.compile(Pattern.quote(SecretStore.PREFIX) + "[0-9a-f-]{36}");

    private final SecretStore secrets;

    public CredentialReferenceGuard(SecretStore secrets) {
        this.secrets = secrets;
    }

    @Override
    public void notify(DelegateTask task) {
        check(task);
    }

    @Override
    public void notify(DelegateExecution execution) {
        check(execution);
    }

    private void check(VariableScope scope) {
        Object value = scope.getVariable(VARIABLE);
        if (value == null) {
            return; // the endpoint form requires it; the start may leave it to the configured default
        }
        // never echo the value: it may be a password
        if (!REFERENCE.matcher(value.toString()).matches()) {
            throw new ProcessEngineException(
                    "\"Password reference\" must be a secret:… reference from /credentials.html,"
                            + " never the password itself; nothing was saved");
        }
        if (!secrets.exists(value.toString())) {
            throw new ProcessEngineException("\"Password reference\" names no stored credential; store the password on"
                    + " /credentials.html and paste the reference it gives");
        }
    }
}
