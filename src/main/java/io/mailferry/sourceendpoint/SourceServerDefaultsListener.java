package io.mailferry.sourceendpoint;

import static io.mailferry.sourceendpoint.SourceEndpointVariables.SOURCE_HOST;
import static io.mailferry.sourceendpoint.SourceEndpointVariables.SOURCE_PLAINTEXT_ALLOWED;
import static io.mailferry.sourceendpoint.SourceEndpointVariables.SOURCE_PORT;
import static io.mailferry.sourceendpoint.SourceEndpointVariables.SOURCE_SECURITY;

import io.mailferry.mailbox.ConfiguredEndpoints;
import io.mailferry.mailbox.ImapServer;
import io.mailferry.process.OwnedMigration;
import io.mailferry.process.Variables;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Fills the preparation form with the source server this installation is configured for ({@code mailferry.source.*}),
 * the only one the test step accepts ({@link SourceServers}); without a configured host, {@code mail.<domain>} unless
 * the migration was started with a server.
 */
@Component("sourceServerDefaultsListener")
class SourceServerDefaultsListener implements ExecutionListener {
    private final SourceServers servers;
    private final OwnedMigration owned;
    private final ConfiguredEndpoints endpoints;

    SourceServerDefaultsListener(SourceServers servers, OwnedMigration owned, ConfiguredEndpoints endpoints) {
        this.servers = servers;
        this.owned = owned;
        this.endpoints = endpoints;
    }

    @Override
    public void notify(DelegateExecution execution) {
        // only what the forms say; whether a plain connection is allowed is decided from configuration on each use
        execution.setVariable(
                SOURCE_PLAINTEXT_ALLOWED, endpoints.sourceDefaults().allowPlaintext());
        Optional<ImapServer> configured = servers.configured();
        if (configured.isPresent()) {
            show(execution, configured.get());
            return;
        }
        Variables.setDefault(execution, SOURCE_HOST, "mail." + owned.domain(execution));
        Variables.setDefault(execution, SOURCE_PORT, 993L);
        Variables.setDefault(execution, SOURCE_SECURITY, "TLS");
    }

    /** The server as the form shows it. */
    private static void show(DelegateExecution execution, ImapServer server) {
        execution.setVariable(SOURCE_HOST, server.host());
        execution.setVariable(SOURCE_PORT, (long) server.port());
        execution.setVariable(SOURCE_SECURITY, server.security().name());
    }
}
