package io.mailferry.cutover;

import io.mailferry.mailbox.EndpointTestResult;
import io.mailferry.mailbox.ImapServer;
import io.mailferry.mailbox.LoginMode;
import io.mailferry.mailbox.MigrationEndpointService;
import io.mailferry.process.Variables;
import io.mailferry.secrets.UnknownSecretException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Seed step 3 (staged: task 5): creates (or, after a failed test, corrects) the migration endpoint and tests it by
 * signing in and opening the test mailbox. Only the password's reference passes through here.
 */
@Component("createMigrationEndpointDelegate")
class CreateMigrationEndpointDelegate implements JavaDelegate {
    private final MigrationEndpointService endpoints;

    CreateMigrationEndpointDelegate(MigrationEndpointService endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            createAndTest(execution);
        } catch (IllegalArgumentException | UnknownSecretException operatorInput) {
            execution.setVariable("endpointTestPassed", false);
            execution.setVariable("endpointTestResult", operatorInput.getMessage());
        }
    }

    private void createAndTest(DelegateExecution execution) {
        ImapServer server = TestSourceServerDelegate.server(execution);
        String admin = Variables.string(execution, "sourceAdminUser");
        String credential = Variables.string(execution, "sourceCredentialRef");
        LoginMode mode = loginMode(Variables.string(execution, "sourceLoginMode"));
        Object existing = execution.getVariable("sourceEndpointId");
        long endpointId;
        if (existing == null) {
            // the process's key (CutoverMigration, StagedMigration) and instance keep the name unique and traceable
            String migration = execution.getProcessDefinitionId().split(":")[0] + " " + execution.getProcessInstanceId();
            endpointId = endpoints.create("On-premises " + server.host() + " (" + migration + ")", server, admin, credential,
                    mode);
            execution.setVariable("sourceEndpointId", endpointId);
        } else {
            endpointId = ((Number) existing).longValue();
            endpoints.update(endpointId, server, admin, credential, mode);
        }
        EndpointTestResult result = endpoints.testEndpoint(endpointId, Variables.string(execution, "testMailbox"));
        execution.setVariable("endpointTestPassed", result.passed());
        execution.setVariable("endpointTestResult", result.message());
    }

    private static LoginMode loginMode(String value) {
        try {
            return LoginMode.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("How to open each mailbox must be PROXY or SHARED_PASSWORD, not '" + value + "'");
        }
    }
}
