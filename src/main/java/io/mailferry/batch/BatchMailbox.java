package io.mailferry.batch;

import java.time.Instant;

/** One mailbox of a batch; {@code lastError} is operator-readable and never carries a secret. */
public record BatchMailbox(
        long id,
        long batchId,
        String sourceAddress,
        String targetAddress,
        MailboxStatus status,
        Instant lastSyncedAt,
        String lastError) {}
