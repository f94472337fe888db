package io.mailferry.sourceendpoint;

import static io.mailferry.sourceendpoint.SourceEndpointVariables.SOURCE_ADMIN_USER;
import static io.mailferry.sourceendpoint.SourceEndpointVariables.SOURCE_HOST;
import static io.mailferry.sourceendpoint.SourceEndpointVariables.SOURCE_LOGIN_MODE;
import static io.mailferry.sourceendpoint.SourceEndpointVariables.SOURCE_PLAINTEXT_ALLOWED;
import static io.mailferry.sourceendpoint.SourceEndpointVariables.SOURCE_PORT;
import static io.mailferry.sourceendpoint.SourceEndpointVariables.USE_CONFIGURED_ADMINISTRATOR;

import io.mailferry.mailbox.ConfiguredEndpoints;
import io.mailferry.mailbox.SourceEndpointProperties;
import io.mailferry.process.OwnedMigration;
import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Pre-fills the endpoint form with the configured migration administrator ({@code mailferry.source.*}): its account
 * and the choice to use it, never its password's reference (which {@link SourceLogin} takes from configuration
 * when the endpoint is created); values the migration was started with win. The host the form names is the server
 * the migration tested and recorded, the only one the endpoint is created for.
 */
@Component("sourceEndpointDefaultsListener")
class SourceEndpointDefaultsListener implements ExecutionListener {
    private final ConfiguredEndpoints endpoints;
    private final OwnedMigration owned;

    SourceEndpointDefaultsListener(ConfiguredEndpoints endpoints, OwnedMigration owned) {
        this.endpoints = endpoints;
        this.owned = owned;
    }

    @Override
    public void notify(DelegateExecution execution) {
        owned.authority().sourceServer(OwnedMigration.migrationId(execution)).ifPresent(server -> {
            execution.setVariable(SOURCE_HOST, server.host());
            execution.setVariable(SOURCE_PORT, (long) server.port());
        });
        SourceEndpointProperties source = endpoints.sourceDefaults();
        Variables.setDefault(execution, SOURCE_ADMIN_USER, source.adminUser());
        Variables.setDefault(execution, USE_CONFIGURED_ADMINISTRATOR, endpoints.hasSourceAdministrator());
        Variables.setDefault(execution, SOURCE_LOGIN_MODE, source.loginMode().name());
        // only what the form says; whether a plain connection is allowed is decided from configuration on each use
        execution.setVariable(SOURCE_PLAINTEXT_ALLOWED, source.allowPlaintext());
    }
}
