package io.mailferry.mailbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code mailferry.sync.*}. {@code max-message-size}: larger messages are skipped and reported instead of copied; the
 * default is Exchange Online's default maximum receive size, which would refuse them anyway. {@code slice-budget}:
 * how long one sync job copies before it commits and lets the next job continue — well under the job executor's
 * lock time (5 minutes by default), so no job outlives its lock. {@code max-mailboxes-per-endpoint}: how many
 * mailboxes this node syncs at once against one endpoint (each holds one connection to it), so a busy source server
 * is not overrun; {@code endpoint-wait}: how long a slice waits for its turn before it hands over to the next job.
 * {@code parallel-folders}: folders of one mailbox synced at once, each on its own pair of connections.
 * {@code mirror-deletions}: expunge from the target what was expunged at the source (off: nothing is ever deleted).
 */
@ConfigurationProperties("mailferry.sync")
public record SyncProperties(
        @DefaultValue("35MB") DataSize maxMessageSize,
        @DefaultValue("PT2M") Duration sliceBudget,
        @DefaultValue("8") int maxMailboxesPerEndpoint,
        @DefaultValue("PT1M") Duration endpointWait,
        @DefaultValue("2") int parallelFolders,
        @DefaultValue("false") boolean mirrorDeletions) {
    public SyncProperties {
        if (maxMailboxesPerEndpoint < 1) {
            throw new IllegalArgumentException(
                    "mailferry.sync.max-mailboxes-per-endpoint must be at least 1, not " + maxMailboxesPerEndpoint);
        }
        if (parallelFolders < 1) {
            throw new IllegalArgumentException(
                    "mailferry.sync.parallel-folders must be at least 1, not " + parallelFolders);
        }
    }

    public static SyncProperties defaults() {
        return new SyncProperties(DataSize.ofMegabytes(35), Duration.ofMinutes(2), 8, Duration.ofMinutes(1), 2, false);
    }

    public SyncProperties withMaxMessageSize(DataSize size) {
        return new SyncProperties(
                size, sliceBudget, maxMailboxesPerEndpoint, endpointWait, parallelFolders, mirrorDeletions);
    }

    public SyncProperties mirroringDeletions() {
        return new SyncProperties(
                maxMessageSize, sliceBudget, maxMailboxesPerEndpoint, endpointWait, parallelFolders, true);
    }

    public SyncProperties withLimit(int mailboxesPerEndpoint, Duration wait) {
        return new SyncProperties(
                maxMessageSize, sliceBudget, mailboxesPerEndpoint, wait, parallelFolders, mirrorDeletions);
    }
}
