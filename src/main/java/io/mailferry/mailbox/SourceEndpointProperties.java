package io.mailferry.mailbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mailferry.source.*}: defaults that pre-fill the operator's source endpoint form, and the administrator whose
 * password is stored for this host and port only. {@code allow-plaintext} lets this one endpoint be used without
 * encryption ({@code security: NONE}); see {@link PlaintextEndpoints}.
 */
@ConfigurationProperties("mailferry.source")
public record SourceEndpointProperties(
        String host,
        @DefaultValue("993") int port,
        @DefaultValue("TLS") ImapSecurity security,
        String adminUser,
        String password,
        @DefaultValue("PROXY") LoginMode loginMode,
        boolean allowPlaintext) {
    @Override
    public String toString() {
        return "SourceEndpointProperties[" + host + ":" + port + ", " + security + ", " + loginMode
                + (allowPlaintext ? ", plaintext allowed" : "") + "]";
    }
}
