package io.mailferry.sourceendpoint;

import static io.mailferry.sourceendpoint.SourceEndpointVariables.SOURCE_HOST;
import static io.mailferry.sourceendpoint.SourceEndpointVariables.SOURCE_PORT;
import static io.mailferry.sourceendpoint.SourceEndpointVariables.SOURCE_SECURITY;

import io.mailferry.mailbox.ImapSecurity;
import io.mailferry.mailbox.ImapServer;
import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * What the operator entered on the source forms, as the mailbox service's types; an IllegalArgumentException names
 * the field that is wrong, so the form can come back with it instead of an incident.
 */
final class SourceEndpointForm {
    private SourceEndpointForm() {}

    static ImapServer server(VariableScope scope) {
        String security = Variables.string(scope, SOURCE_SECURITY);
        try {
            ImapSecurity.valueOf(security);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Connection security must be TLS, STARTTLS or NONE, not '" + security + "'");
        }
        return new ImapServer(
                Variables.string(scope, SOURCE_HOST),
                (int) Variables.number(scope, SOURCE_PORT),
                ImapSecurity.valueOf(security));
    }
}
