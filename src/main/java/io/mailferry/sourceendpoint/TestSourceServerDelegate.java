package io.mailferry.sourceendpoint;

import static io.mailferry.sourceendpoint.SourceEndpointVariables.SOURCE_SERVER_READY;
import static io.mailferry.sourceendpoint.SourceEndpointVariables.SOURCE_SERVER_TEST_RESULT;

import io.mailferry.mailbox.EndpointTestResult;
import io.mailferry.mailbox.ImapServer;
import io.mailferry.mailbox.MigrationEndpointService;
import io.mailferry.process.OwnedMigration;
import io.mailferry.text.Inert;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Connects to the on-premises server, checks its certificate and its IMAP service, without signing in. Only the
 * configured server is connected to ({@link SourceServers}); once it is ready, the migration records it, and the
 * endpoint step signs in there and nowhere else, whatever the {@code source*} variables say by then.
 */
@Component("testSourceServerDelegate")
class TestSourceServerDelegate implements JavaDelegate {
    private final MigrationEndpointService endpoints;
    private final SourceServers servers;
    private final OwnedMigration owned;

    TestSourceServerDelegate(MigrationEndpointService endpoints, SourceServers servers, OwnedMigration owned) {
        this.endpoints = endpoints;
        this.servers = servers;
        this.owned = owned;
    }

    @Override
    public void execute(DelegateExecution execution) {
        EndpointTestResult result;
        ImapServer server = null;
        try {
            server = servers.confirmed(execution);
            result = endpoints.testServer(server);
        } catch (IllegalArgumentException badInput) {
            result = new EndpointTestResult(false, badInput.getMessage());
        }
        if (result.passed()) {
            owned.authority().recordSourceServer(OwnedMigration.migrationId(execution), server);
        }
        execution.setVariable(SOURCE_SERVER_READY, result.passed());
        execution.setVariable(SOURCE_SERVER_TEST_RESULT, Inert.markdown(result.message()));
    }
}
