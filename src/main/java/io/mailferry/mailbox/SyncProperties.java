package io.mailferry.mailbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code mailferry.sync.max-message-size}: larger messages are skipped and reported instead of copied. The
 * default is Exchange Online's default maximum receive size, which would refuse them anyway.
 */
@ConfigurationProperties("mailferry.sync")
public record SyncProperties(@DefaultValue("35MB") DataSize maxMessageSize) {
    public static SyncProperties defaults() {
        return new SyncProperties(DataSize.ofMegabytes(35));
    }
}
