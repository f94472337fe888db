package io.mailferry.mailbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code mailferry.sync.*}. {@code max-message-size}: larger messages are skipped and reported instead of copied; the
 * default is Exchange Online's default maximum receive size, which would refuse them anyway. {@code slice-budget}:
 * how long one sync job copies before it commits and lets the next job continue — well under the job executor's
 * lock time (5 minutes by default), so no job outlives its lock.
 */
@ConfigurationProperties("mailferry.sync")
public record SyncProperties(@DefaultValue("35MB") DataSize maxMessageSize,
                             @DefaultValue("PT2M") Duration sliceBudget) {
    public static SyncProperties defaults() {
        return new SyncProperties(DataSize.ofMegabytes(35), Duration.ofMinutes(2));
    }
}
