package io.mailferry.mailbox;

/**
 * What one sync slice did; {@code complete=false} means the budget ran out and another slice is needed.
 * {@code foldersUnchanged}: folders whose STATUS proved them unchanged, so they were not opened;
 * {@code deleted}: copies expunged because their source message was (only when mirroring deletions).
 */
public record SliceResult(
        boolean complete,
        int messagesCopied,
        int flagsUpdated,
        int skipped,
        long bytes,
        int foldersUnchanged,
        int deleted) {}
