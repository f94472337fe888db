package io.mailferry.mailbox;

/**
 * Which pass of a mailbox move a slice belongs to. The copy logic is the same for all three; the pass decides
 * the status reached once the mailbox is complete (SYNCED after INITIAL/DELTA, COMPLETED after FINAL).
 */
public enum SyncPass {
    INITIAL,
    DELTA,
    FINAL
}
