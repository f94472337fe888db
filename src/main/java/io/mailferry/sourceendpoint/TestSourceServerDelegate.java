package io.mailferry.sourceendpoint;

import static io.mailferry.sourceendpoint.SourceEndpointVariables.SOURCE_SERVER_READY;
import static io.mailferry.sourceendpoint.SourceEndpointVariables.SOURCE_SERVER_TEST_RESULT;

import io.mailferry.mailbox.EndpointTestResult;
import io.mailferry.mailbox.MigrationEndpointService;
import io.mailferry.text.Inert;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Connects to the on-premises server, checks its certificate and its IMAP service, without signing in. */
@Component("testSourceServerDelegate")
class TestSourceServerDelegate implements JavaDelegate {
    private final MigrationEndpointService endpoints;

    TestSourceServerDelegate(MigrationEndpointService endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public void execute(DelegateExecution execution) {
        EndpointTestResult result;
        try {
            result = endpoints.testServer(SourceEndpointForm.server(execution));
        } catch (IllegalArgumentException badInput) {
            result = new EndpointTestResult(false, badInput.getMessage());
        }
        execution.setVariable(SOURCE_SERVER_READY, result.passed());
        execution.setVariable(SOURCE_SERVER_TEST_RESULT, Inert.markdown(result.message()));
    }
}
