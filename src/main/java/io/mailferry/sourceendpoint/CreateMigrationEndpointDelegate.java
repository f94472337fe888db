package io.mailferry.sourceendpoint;

import static io.mailferry.process.MigrationVariables.SOURCE_ENDPOINT_ID;
import static io.mailferry.process.MigrationVariables.TEST_MAILBOX;
import static io.mailferry.sourceendpoint.SourceEndpointVariables.ENDPOINT_TEST_PASSED;
import static io.mailferry.sourceendpoint.SourceEndpointVariables.ENDPOINT_TEST_RESULT;
import static io.mailferry.sourceendpoint.SourceEndpointVariables.SOURCE_ADMIN_USER;
import static io.mailferry.sourceendpoint.SourceEndpointVariables.SOURCE_CREDENTIAL_REF;
import static io.mailferry.sourceendpoint.SourceEndpointVariables.SOURCE_LOGIN_MODE;

import io.mailferry.mailbox.ImapServer;
import io.mailferry.mailbox.LoginMode;
import io.mailferry.process.Variables;
import io.mailferry.secrets.UnknownSecretException;
import io.mailferry.text.Fit;
import io.mailferry.text.Inert;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Creates (or, after a failed test, corrects) the migration endpoint and tests it by signing in and opening the test
 * mailbox. Only the password's reference passes through here. A wrong entry is the operator's to correct: it comes
 * back on the form, not as an incident.
 */
@Component("createMigrationEndpointDelegate")
class CreateMigrationEndpointDelegate implements JavaDelegate {
    private final SourceEndpointSetup setup;

    CreateMigrationEndpointDelegate(SourceEndpointSetup setup) {
        this.setup = setup;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            ImapServer server = SourceEndpointForm.server(execution);
            Object existing = execution.getVariable(SOURCE_ENDPOINT_ID);
            // the migration's business key and this step's instance keep the name unique and traceable
            // (host and key cut so that the instance id, which makes it unique, stays within the name's 200)
            String name = "On-premises " + Fit.cut(server.host(), 60) + " ("
                    + Fit.cut(String.valueOf(execution.getBusinessKey()), 60) + ", "
                    + execution.getProcessInstanceId() + ")";
            TestedEndpoint endpoint = setup.saveAndTest(
                    existing == null ? null : Variables.number(execution, SOURCE_ENDPOINT_ID),
                    name,
                    server,
                    Variables.string(execution, SOURCE_ADMIN_USER),
                    Variables.string(execution, SOURCE_CREDENTIAL_REF),
                    loginMode(execution),
                    Variables.string(execution, TEST_MAILBOX));
            execution.setVariable(SOURCE_ENDPOINT_ID, endpoint.id());
            execution.setVariable(ENDPOINT_TEST_PASSED, endpoint.test().passed());
            execution.setVariable(
                    ENDPOINT_TEST_RESULT, Inert.markdown(endpoint.test().message()));
        } catch (IllegalArgumentException | UnknownSecretException operatorInput) {
            execution.setVariable(ENDPOINT_TEST_PASSED, false);
            execution.setVariable(ENDPOINT_TEST_RESULT, Inert.markdown(operatorInput.getMessage()));
        }
    }

    private static LoginMode loginMode(VariableScope scope) {
        String value = Variables.string(scope, SOURCE_LOGIN_MODE);
        try {
            return LoginMode.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "How to open each mailbox must be PROXY or SHARED_PASSWORD, not '" + value + "'");
        }
    }
}
