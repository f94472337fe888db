package io.mailferry.mailbox;

/**
 * How the engine copies: messages over {@code maxMessageSize} bytes are skipped and reported; {@code parallelFolders}
 * folders are synced at once; with {@code mirrorDeletions}, a message expunged at the source is expunged from the
 * target too (off by default: what a user deleted during the migration is better kept than lost).
 */
public record SyncOptions(long maxMessageSize, int parallelFolders, boolean mirrorDeletions) {
    public SyncOptions {
        if (maxMessageSize < 1) {
            throw new IllegalArgumentException("The maximum message size must be positive, not " + maxMessageSize);
        }
        if (parallelFolders < 1) {
            throw new IllegalArgumentException("Folders in parallel must be at least 1, not " + parallelFolders);
        }
    }
}
