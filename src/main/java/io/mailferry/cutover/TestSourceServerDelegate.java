package io.mailferry.cutover;

import io.mailferry.mailbox.EndpointTestResult;
import io.mailferry.mailbox.ImapSecurity;
import io.mailferry.mailbox.ImapServer;
import io.mailferry.mailbox.MigrationEndpointService;
import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Seed step 2: connects to the on-premises server, checks its certificate and its IMAP service, without signing in. */
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
            result = endpoints.testServer(server(execution));
        } catch (IllegalArgumentException badInput) {
            result = new EndpointTestResult(false, badInput.getMessage());
        }
        execution.setVariable("sourceServerReady", result.passed());
        execution.setVariable("sourceServerTestResult", result.message());
    }

    /** The server from the form; an IllegalArgumentException names the field that is wrong. */
    static ImapServer server(DelegateExecution execution) {
        String security = Variables.string(execution, "sourceSecurity");
        try {
            ImapSecurity.valueOf(security);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Connection security must be TLS, STARTTLS or NONE, not '" + security + "'");
        }
        return new ImapServer(Variables.string(execution, "sourceHost"), (int) Variables.number(execution, "sourcePort"),
                ImapSecurity.valueOf(security));
    }
}
