package io.mailferry.mailbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code mailferry.source.*}: defaults that pre-fill the operator's source endpoint form. */
@ConfigurationProperties("mailferry.source")
public record SourceEndpointProperties(
        String host,
        @DefaultValue("993") int port,
        @DefaultValue("TLS") ImapSecurity security,
        String adminUser,
        String password,
        @DefaultValue("PROXY") LoginMode loginMode) {
    @Override
    public String toString() {
        return "SourceEndpointProperties[" + host + ":" + port + ", " + security + ", " + loginMode + "]";
    }
}
