package io.mailferry.mailbox;

import io.mailferry.text.Fit;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sums every slice of a pass into one row per mailbox and pass; a pass that runs again after it finished (the next
 * delta pass) starts its row afresh, so the row always describes the latest run.
 */
final class SyncStatistics {
    /** mf_sync_pass.last_error (V6__sync_passes.sql). */
    private static final int ERROR_WIDTH = 2000;

    private final JdbcTemplate jdbc;

    SyncStatistics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void recordSlice(long mailboxId, SyncPass pass, Instant started, Instant ended, SliceResult slice) {
        begin(mailboxId, pass, started);
        jdbc.update(
                "UPDATE mf_sync_pass SET slices = slices + 1, duration_ms = duration_ms + ?, copied = copied + ?, "
                        + "flags_updated = flags_updated + ?, skipped = skipped + ?, bytes = bytes + ?, finished_at = ? "
                        + "WHERE mailbox_id = ? AND pass = ?",
                Duration.between(started, ended).toMillis(),
                slice.messagesCopied(),
                slice.flagsUpdated(),
                slice.skipped(),
                slice.bytes(),
                slice.complete() ? Timestamp.from(ended) : null,
                mailboxId,
                pass.name());
    }

    void recordFailure(long mailboxId, SyncPass pass, Instant started, Instant ended, String error) {
        begin(mailboxId, pass, started);
        jdbc.update(
                "UPDATE mf_sync_pass SET slices = slices + 1, duration_ms = duration_ms + ?, errors = errors + 1, "
                        + "last_error = ? WHERE mailbox_id = ? AND pass = ?",
                Duration.between(started, ended).toMillis(),
                Fit.column(error, ERROR_WIDTH),
                mailboxId,
                pass.name());
    }

    /** When the current (or just finished) run of this pass began: its first slice's start. */
    java.util.Optional<Instant> passStartedAt(long mailboxId, SyncPass pass) {
        return jdbc
                .queryForList(
                        "SELECT started_at FROM mf_sync_pass WHERE mailbox_id = ? AND pass = ?",
                        Timestamp.class,
                        mailboxId,
                        pass.name())
                .stream()
                .findFirst()
                .map(Timestamp::toInstant);
    }

    List<PassStatistics> forMailbox(long mailboxId) {
        return jdbc.query(
                "SELECT pass, started_at, finished_at, slices, duration_ms, copied, flags_updated, skipped, "
                        + "bytes, errors, last_error FROM mf_sync_pass WHERE mailbox_id = ? ORDER BY started_at",
                SyncStatistics::row,
                mailboxId);
    }

    /** Creates the row, or starts it afresh when the pass had finished before this slice. */
    private void begin(long mailboxId, SyncPass pass, Instant started) {
        int fresh = jdbc.update(
                "UPDATE mf_sync_pass SET started_at = ?, finished_at = NULL, slices = 0, "
                        + "duration_ms = 0, copied = 0, flags_updated = 0, skipped = 0, bytes = 0, errors = 0, last_error = NULL "
                        + "WHERE mailbox_id = ? AND pass = ? AND finished_at IS NOT NULL",
                Timestamp.from(started),
                mailboxId,
                pass.name());
        if (fresh == 0) {
            Integer exists = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM mf_sync_pass WHERE mailbox_id = ? AND pass = ?",
                    Integer.class,
                    mailboxId,
                    pass.name());
            if (exists == null || exists == 0) {
                jdbc.update(
                        "INSERT INTO mf_sync_pass (mailbox_id, pass, started_at) VALUES (?, ?, ?)",
                        mailboxId,
                        pass.name(),
                        Timestamp.from(started));
            }
        }
    }

    private static PassStatistics row(ResultSet rs, int n) throws SQLException {
        Timestamp finished = rs.getTimestamp(3);
        return new PassStatistics(
                rs.getString(1),
                rs.getTimestamp(2).toInstant(),
                finished == null ? null : finished.toInstant(),
                rs.getInt(4),
                rs.getLong(5),
                rs.getInt(6),
                rs.getInt(7),
                rs.getInt(8),
                rs.getLong(9),
                rs.getInt(10),
                rs.getString(11));
    }
}
