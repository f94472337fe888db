package io.mailferry.sourceendpoint;

import io.mailferry.mailbox.ConfiguredEndpoints;
import io.mailferry.mailbox.ImapServer;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The one place the source steps decide whether a stored password may go to the migration's source server, before
 * the endpoint is saved and a sign-in is tried. The configured administrator's password
 * ({@code mailferry.source.password}, FullAccess to every mailbox) goes only to the configured server
 * ({@code mailferry.source.host}). A password an operator stored on the credentials page is bound to the host it was
 * stored for by the secret store itself, which reveals it for that host only when the endpoint signs in.
 */
@Component
class SourceCredentialCheck {
    private final ConfiguredEndpoints endpoints;
    private final SourceServers servers;

    SourceCredentialCheck(ConfiguredEndpoints endpoints, SourceServers servers) {
        this.endpoints = endpoints;
        this.servers = servers;
    }

    /** IllegalArgumentException (for the form, never quoting the reference) when the password may not go there. */
    void check(String credentialRef, ImapServer server) {
        if (credentialRef == null || !credentialRef.equals(endpoints.defaultSourceCredentialRef())) {
            return;
        }
        Optional<ImapServer> configured = servers.configured();
        if (configured.isEmpty() || !SourceServers.same(configured.get(), server)) {
            throw new IllegalArgumentException("The configured migration administrator's password"
                    + " (mailferry.source.password) is sent only to the configured server (mailferry.source.host), not"
                    + " to " + server + ". Store the password for " + server.host()
                    + " on the credentials page and enter the reference it gives.");
        }
    }
}
