package io.mailferry.mailbox;

import io.mailferry.text.Fit;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The folder counts "Review the initial sync" took of each mailbox ({@code mf_report_mailbox}, {@code
 * mf_report_folder}, V20): written a group of mailboxes at a time, read for the whole batch when the report is
 * written.
 */
final class ReportCounts {
    /** The width of {@code mf_report_mailbox.error}. */
    private static final int ERROR = 2_000;

    /** One mailbox as counted: its folders, or why they could not be counted. */
    record Counted(Instant countedAt, List<FolderCount> folders, String error) {}

    private final JdbcTemplate jdbc;

    ReportCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces what was counted of {@code mailboxId}, in the caller's transaction. */
    void replace(long mailboxId, Counted counted) {
        forget(mailboxId);
        jdbc.update(
                "INSERT INTO mf_report_mailbox (mailbox_id, counted_at, error) VALUES (?, ?, ?)",
                mailboxId,
                Timestamp.from(counted.countedAt()),
                Fit.column(counted.error(), ERROR));
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < counted.folders().size(); i++) {
            FolderCount folder = counted.folders().get(i);
            rows.add(new Object[] {
                mailboxId,
                i,
                folder.sourceFolder(),
                folder.targetFolder(),
                folder.sourceMessages(),
                folder.targetMessages()
            });
        }
        jdbc.batchUpdate(
                "INSERT INTO mf_report_folder (mailbox_id, position, source_folder, target_folder, source_messages,"
                        + " target_messages) VALUES (?, ?, ?, ?, ?, ?)",
                rows);
    }

    /** Drops what was counted of {@code mailboxId}, its folders with it. */
    void forget(long mailboxId) {
        jdbc.update("DELETE FROM mf_report_mailbox WHERE mailbox_id = ?", mailboxId);
    }

    /** Every counted mailbox of batch {@code batchId}, by mailbox id: two queries, whatever the batch's size. */
    Map<Long, Counted> ofBatch(long batchId) {
        Map<Long, List<FolderCount>> folders = new HashMap<>();
        jdbc.query(
                "SELECT f.mailbox_id, f.source_folder, f.target_folder, f.source_messages, f.target_messages"
                        + " FROM mf_report_folder f JOIN mf_batch_mailbox m ON m.id = f.mailbox_id"
                        + " WHERE m.batch_id = ? ORDER BY f.mailbox_id, f.position",
                rs -> {
                    folders.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>())
                            .add(new FolderCount(rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5)));
                },
                batchId);
        Map<Long, Counted> counted = new HashMap<>();
        jdbc.query(
                "SELECT r.mailbox_id, r.counted_at, r.error FROM mf_report_mailbox r"
                        + " JOIN mf_batch_mailbox m ON m.id = r.mailbox_id WHERE m.batch_id = ?",
                rs -> {
                    long id = rs.getLong(1);
                    counted.put(
                            id,
                            new Counted(
                                    rs.getTimestamp(2).toInstant(),
                                    List.copyOf(folders.getOrDefault(id, List.of())),
                                    rs.getString(3)));
                },
                batchId);
        return counted;
    }
}
