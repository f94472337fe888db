package io.mailferry.sourceendpoint;

import io.mailferry.mailbox.ConfiguredEndpoints;
import io.mailferry.mailbox.ImapServer;
import io.mailferry.mailbox.SourceEndpointProperties;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * The source server a migration may connect to, and so send the migration administrator's password to: the one this
 * installation is configured for ({@code mailferry.source.host}, {@code port}, {@code security}). The operator
 * confirms it on the preparation form; an entry that names another server is refused there, with the reason, rather
 * than connected to. Only without a configured host (a development setup) is the operator's entry the server; the
 * configured password is then sent nowhere ({@link SourceCredentialCheck}).
 */
@Component
class SourceServers {
    private final ConfiguredEndpoints endpoints;

    SourceServers(ConfiguredEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** The configured source server, or empty when {@code mailferry.source.host} is not set. */
    Optional<ImapServer> configured() {
        SourceEndpointProperties source = endpoints.sourceDefaults();
        if (source.host() == null || source.host().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new ImapServer(source.host(), source.port(), source.security()));
    }

    /**
     * The server the operator confirmed, as the form (or a REST client) set it, when it is the configured one;
     * IllegalArgumentException naming both when it is not, so the form comes back with the reason.
     */
    ImapServer confirmed(VariableScope scope) {
        ImapServer entered = SourceEndpointForm.server(scope);
        Optional<ImapServer> configured = configured();
        if (configured.isEmpty() || same(configured.get(), entered)) {
            return configured.orElse(entered);
        }
        ImapServer expected = configured.get();
        throw new IllegalArgumentException("This installation migrates from " + expected + " (" + expected.security()
                + "), as mailferry.source.host, port and security say; Mailferry connects to no other server and sends"
                + " the migration administrator's password nowhere else, so " + entered + " (" + entered.security()
                + ") is not tested. Enter the configured server, or change mailferry.source.* and restart Mailferry.");
    }

    static boolean same(ImapServer a, ImapServer b) {
        return a.host().toLowerCase(Locale.ROOT).equals(b.host().toLowerCase(Locale.ROOT))
                && a.port() == b.port()
                && a.security() == b.security();
    }
}
