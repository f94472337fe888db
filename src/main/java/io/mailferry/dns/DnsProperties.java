package io.mailferry.dns;

import io.mailferry.secrets.SecretStore;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mailferry.dns.*}: which resolvers to ask, how to reach a zone's authoritative servers, and where to send
 * dynamic updates.
 *
 * @param resolvers      {@code host[:port]} of the resolvers for ordinary look-ups; empty means the system's
 * @param nameserverPort port used with the addresses of a zone's NS hosts; only a lab or the demo changes it
 * @param timeout        per query, per server
 * @param update         where changes go; without a server every change is left to the operator
 */
@ConfigurationProperties("mailferry.dns")
public record DnsProperties(
        List<String> resolvers,
        @DefaultValue("53") int nameserverPort,
        @DefaultValue("PT5S") Duration timeout,
        @DefaultValue DynamicUpdate update) {

    public static final int DNS_PORT = 53;

    public DnsProperties {
        resolvers = resolvers == null
                ? List.of()
                : resolvers.stream().filter(r -> !r.isBlank()).toList();
        nameserverPort = nameserverPort == 0 ? DNS_PORT : nameserverPort;
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        update = update == null ? new DynamicUpdate(null, null, null, null) : update;
    }

    /**
     * {@code mailferry.dns.update.*}: RFC 2136 updates, TSIG-signed when a key is given.
     *
     * @param server        {@code host[:port]} of the primary server that accepts updates; empty = none
     * @param tsigKeyName   the key's name as the DNS server knows it
     * @param tsigAlgorithm e.g. hmac-sha256 (default), hmac-sha512
     * @param tsigSecretRef {@code secret:…} reference into the secret store, holding the base64 secret as it
     *                      appears in the server's key file, stored for {@code tsig:<tsigKeyName>}; without it updates
     *                      are unsigned
     */
    public record DynamicUpdate(
            String server,
            String tsigKeyName,
            @DefaultValue("hmac-sha256") String tsigAlgorithm,
            String tsigSecretRef) {

        public DynamicUpdate {
            tsigAlgorithm = tsigAlgorithm == null || tsigAlgorithm.isBlank() ? "hmac-sha256" : tsigAlgorithm;
        }

        public boolean configured() {
            return server != null && !server.isBlank();
        }

        public boolean signed() {
            return tsigSecretRef != null && !tsigSecretRef.isBlank();
        }

        /** Spring prints bound properties on failures; the reference works like a bearer token, so not it. */
        @Override
        public String toString() {
            return "DynamicUpdate[server=" + server + ", tsigKeyName=" + tsigKeyName + ", tsigAlgorithm="
                    + tsigAlgorithm + ", tsigSecretRef=" + (signed() ? SecretStore.fingerprint(tsigSecretRef) : "none")
                    + "]";
        }
    }
}
