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
        EndpointTestResult result = endpoints.testServer(server(execution));
        execution.setVariable("sourceServerReady", result.passed());
        execution.setVariable("sourceServerTestResult", result.message());
    }

    static ImapServer server(DelegateExecution execution) {
        return new ImapServer(Variables.string(execution, "sourceHost"), (int) Variables.number(execution, "sourcePort"),
                ImapSecurity.valueOf(Variables.string(execution, "sourceSecurity")));
    }
}
