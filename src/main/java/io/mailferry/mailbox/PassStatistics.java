package io.mailferry.mailbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The latest run of one pass of one mailbox, like a row of Exchange's Get-MigrationUserStatistics. Duration is the
 * time spent copying (the sum of its slices), not the wall-clock time between the timer-driven slices.
 */
public record PassStatistics(
        String pass,
        Instant startedAt,
        Instant finishedAt,
        int slices,
        long durationMs,
        int copied,
        int flagsUpdated,
        int skipped,
        long bytes,
        int errors,
        String lastError) {

    /** Messages per second over the copying time; 0 before anything was measured. */
    @JsonProperty
    public double messagesPerSecond() {
        return durationMs == 0 ? 0 : copied * 1000.0 / durationMs;
    }

    /** When this pass last brought the mailbox completely in sync, null while it is still running. */
    @JsonProperty
    public Instant lastSyncedAt() {
        return finishedAt;
    }
}
