package io.mailferry.sourceendpoint;

import static io.mailferry.sourceendpoint.SourceEndpointVariables.SOURCE_ADMIN_USER;
import static io.mailferry.sourceendpoint.SourceEndpointVariables.SOURCE_CREDENTIAL_REF;
import static io.mailferry.sourceendpoint.SourceEndpointVariables.USE_CONFIGURED_ADMINISTRATOR;

import io.mailferry.mailbox.ConfiguredEndpoints;
import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Whom a migration endpoint signs in as: the administrator configured for this installation
 * ({@code mailferry.source.*}), whose password's reference is taken from configuration here and never becomes a
 * variable an operator could copy elsewhere; or an administrator whose password an operator stored on the credentials
 * page and whose reference the endpoint form names. Either way the secret is revealed for its own server only.
 */
record SourceLogin(String adminUser, String credentialRef) {

    static SourceLogin chosen(VariableScope scope, ConfiguredEndpoints configured) {
        if (Boolean.TRUE.equals(scope.getVariable(USE_CONFIGURED_ADMINISTRATOR))) {
            String reference = configured.defaultSourceCredentialRef();
            if (reference == null) {
                throw new IllegalArgumentException("No source administrator is configured for this installation"
                        + " (mailferry.source.host, admin-user and password): untick \"Use the configured administrator\""
                        + " and give the account and its password reference");
            }
            return new SourceLogin(configured.sourceDefaults().adminUser(), reference);
        }
        String reference = Variables.stringOr(scope, SOURCE_CREDENTIAL_REF, null);
        if (reference == null) {
            throw new IllegalArgumentException("\"Password reference\" is empty: store the administrator's password on"
                    + " /credentials.html for this server, or use the configured administrator");
        }
        return new SourceLogin(Variables.stringOr(scope, SOURCE_ADMIN_USER, null), reference);
    }
}
