package io.mailferry.sourceendpoint;

import static io.mailferry.process.MigrationVariables.DOMAIN;
import static io.mailferry.sourceendpoint.SourceEndpointVariables.SOURCE_HOST;
import static io.mailferry.sourceendpoint.SourceEndpointVariables.SOURCE_PLAINTEXT_ALLOWED;
import static io.mailferry.sourceendpoint.SourceEndpointVariables.SOURCE_PORT;
import static io.mailferry.sourceendpoint.SourceEndpointVariables.SOURCE_SECURITY;

import io.mailferry.mailbox.ConfiguredEndpoints;
import io.mailferry.mailbox.SourceEndpointProperties;
import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Pre-fills the preparation form with the source server this installation is configured for
 * ({@code mailferry.source.*}), or {@code mail.<domain>}; values the migration was started with win.
 */
@Component("sourceServerDefaultsListener")
class SourceServerDefaultsListener implements ExecutionListener {
    private final ConfiguredEndpoints endpoints;

    SourceServerDefaultsListener(ConfiguredEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public void notify(DelegateExecution execution) {
        SourceEndpointProperties source = endpoints.sourceDefaults();
        String host = source.host() != null ? source.host() : "mail." + Variables.string(execution, DOMAIN);
        Variables.setDefault(execution, SOURCE_HOST, host);
        Variables.setDefault(execution, SOURCE_PORT, (long) source.port());
        Variables.setDefault(execution, SOURCE_SECURITY, source.security().name());
        // only what the forms say; whether a plain connection is allowed is decided from configuration on each use
        execution.setVariable(SOURCE_PLAINTEXT_ALLOWED, source.allowPlaintext());
    }
}
