package io.mailferry.mailbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mailferry.target.*}: the Microsoft 365 IMAP side every batch copies into. {@code allow-plaintext} lets this
 * endpoint be used without encryption ({@code security: NONE}); see {@link PlaintextEndpoints}.
 */
@ConfigurationProperties("mailferry.target")
public record TargetEndpointProperties(
        @DefaultValue("outlook.office365.com") String host,
        @DefaultValue("993") int port,
        @DefaultValue("TLS") ImapSecurity security,
        String adminUser,
        String password,
        @DefaultValue("PROXY") LoginMode loginMode,
        boolean allowPlaintext) {
    @Override
    public String toString() {
        return "TargetEndpointProperties[" + host + ":" + port + ", " + security + ", " + loginMode
                + (allowPlaintext ? ", plaintext allowed" : "") + "]";
    }
}
