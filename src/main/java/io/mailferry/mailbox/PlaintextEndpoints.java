package io.mailferry.mailbox;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Which IMAP servers may be used without encryption ({@link ImapSecurity#NONE}): only the configured source and
 * target, and each only when configuration says so explicitly ({@code mailferry.source.allow-plaintext},
 * {@code mailferry.target.allow-plaintext}; the demo's stand-ins on 127.0.0.1). Any other server gets no password
 * over a plain connection, whatever a form or variable says: a password sent in clear is a password given away.
 */
@Component
public final class PlaintextEndpoints {
    /** "host:port" of each server allowed in clear, with the setting that allows it. */
    private final Map<String, String> allowed;

    @Autowired
    public PlaintextEndpoints(SourceEndpointProperties source, TargetEndpointProperties target) {
        this.allowed = new LinkedHashMap<>();
        if (source.allowPlaintext() && source.host() != null) {
            allowed.put(key(source.host(), source.port()), "mailferry.source.allow-plaintext");
        }
        if (target.allowPlaintext() && target.host() != null) {
            allowed.put(key(target.host(), target.port()), "mailferry.target.allow-plaintext");
        }
    }

    private PlaintextEndpoints(Map<String, String> allowed) {
        this.allowed = allowed;
    }

    /** Exactly these servers in clear (tests against plaintext stand-ins, the command line's --allow-plaintext). */
    public static PlaintextEndpoints allowing(ImapServer... servers) {
        Map<String, String> allowed = new LinkedHashMap<>();
        for (ImapServer server : servers) {
            allowed.put(key(server.host(), server.port()), "--allow-plaintext");
        }
        return new PlaintextEndpoints(allowed);
    }

    /** Encryption for every server. */
    public static PlaintextEndpoints none() {
        return new PlaintextEndpoints(Map.of());
    }

    /** True when {@code server} is encrypted, or allowed in clear. */
    public boolean permits(ImapServer server) {
        return server.security() != ImapSecurity.NONE || allowed.containsKey(key(server.host(), server.port()));
    }

    /** The setting that lets {@code server} go in clear, or null. */
    String allowedBy(ImapServer server) {
        return server.security() == ImapSecurity.NONE ? allowed.get(key(server.host(), server.port())) : null;
    }

    /**
     * Refuses a plain connection to a server not allowed in clear, before anything is sent to it.
     *
     * @throws MailboxSyncException naming the server and the settings that would allow it
     */
    void requireEncrypted(ImapServer server, String why) {
        if (!permits(server)) {
            throw new MailboxSyncException(refusal(server, why));
        }
    }

    static String refusal(ImapServer server, String why) {
        return "Not " + why + " " + server + " without encryption (security NONE): a password would cross the"
                + " network in clear. Use TLS (port 993) or STARTTLS; for the configured source or target only,"
                + " mailferry.source.allow-plaintext or mailferry.target.allow-plaintext allows it";
    }

    private static String key(String host, int port) {
        return host.trim().toLowerCase(Locale.ROOT) + ":" + port;
    }
}
