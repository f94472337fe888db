package io.mailferry.batch;

import java.time.Instant;

/** A migration batch; {@code deletedAt} is set once the batch is deleted, which stops its synchronisation. */
public record MigrationBatch(
        long id,
        String name,
        String domain,
        long sourceEndpointId,
        long targetEndpointId,
        Instant createdAt,
        boolean finalSyncRequested,
        Instant deletedAt) {

    public boolean deleted() {
        return deletedAt != null;
    }
}
