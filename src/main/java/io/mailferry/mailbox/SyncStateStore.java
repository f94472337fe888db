package io.mailferry.mailbox;

import io.mailferry.text.Fit;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Per-folder sync state. Copied messages are recorded in groups after their APPENDs (auto-commit, on the engine's
 * threads); what a crash loses of the last group, the identity check of the next run (TargetIndex) recovers.
 */
final class SyncStateStore {
    record FolderState(
            long id,
            String sourceFolder,
            String targetFolder,
            long sourceUidValidity,
            Long targetUidValidity,
            long lastSourceUid,
            SourceStatus inSyncAt) {

        /** True when the source folder still looks exactly as it did when it was last completely in sync. */
        boolean unchangedSince(SourceStatus now, String target) {
            return inSyncAt != null && inSyncAt.provesUnchanged(now) && targetFolder.equals(target);
        }
    }

    record Skipped(String sourceFolder, long sourceUid, long size, String reason) {}

    /** A message appended (or adopted) whose map entry is still to be written. */
    record Copied(long sourceUid, Long targetUid, MessageIdentity identity, String flags) {}

    private static final String FOLDER_COLUMNS = "id, source_folder, target_folder, source_uidvalidity, "
            + "target_uidvalidity, last_source_uid, synced_uidnext, synced_messages, synced_highest_modseq";

    /** Widths of the text columns (V3__mailbox_sync.sql). */
    private static final int FOLDER_WIDTH = 1000;

    private static final int FLAGS_WIDTH = 2000;
    private static final int REASON_WIDTH = 1000;

    private final JdbcTemplate jdbc;

    SyncStateStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    FolderState folder(long mailboxId, String sourceFolder) {
        return jdbc
                .query(
                        "SELECT " + FOLDER_COLUMNS + " FROM mf_sync_folder WHERE mailbox_id = ? AND source_folder = ?",
                        SyncStateStore::folderState,
                        mailboxId,
                        sourceFolder)
                .stream()
                .findFirst()
                .orElse(null);
    }

    FolderState createFolder(
            long mailboxId, String sourceFolder, String targetFolder, long sourceUidValidity, long targetUidValidity) {
        trackable(sourceFolder);
        trackable(targetFolder);
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(
                con -> {
                    PreparedStatement ps = con.prepareStatement(
                            "INSERT INTO mf_sync_folder (mailbox_id, source_folder, "
                                    + "target_folder, source_uidvalidity, target_uidvalidity, last_source_uid, updated_at) "
                                    + "VALUES (?, ?, ?, ?, ?, 0, ?)",
                            new String[] {"id"});
                    ps.setLong(1, mailboxId);
                    ps.setString(2, sourceFolder);
                    ps.setString(3, targetFolder);
                    ps.setLong(4, sourceUidValidity);
                    ps.setLong(5, targetUidValidity);
                    ps.setTimestamp(6, Timestamp.from(Instant.now()));
                    return ps;
                },
                keys);
        long id = Objects.requireNonNull(keys.getKey()).longValue();
        return new FolderState(id, sourceFolder, targetFolder, sourceUidValidity, targetUidValidity, 0, null);
    }

    /** Forgets the UID map (UIDs are meaningless after a UIDVALIDITY change); messages are then re-matched. */
    FolderState reset(FolderState folder, String targetFolder, long sourceUidValidity, long targetUidValidity) {
        trackable(targetFolder);
        jdbc.update("DELETE FROM mf_sync_message WHERE folder_id = ?", folder.id());
        jdbc.update("DELETE FROM mf_sync_skipped WHERE folder_id = ?", folder.id());
        jdbc.update(
                "UPDATE mf_sync_folder SET target_folder = ?, source_uidvalidity = ?, target_uidvalidity = ?, "
                        + "last_source_uid = 0, synced_uidnext = NULL, synced_messages = NULL, "
                        + "synced_highest_modseq = NULL, updated_at = ? WHERE id = ?",
                targetFolder,
                sourceUidValidity,
                targetUidValidity,
                Timestamp.from(Instant.now()),
                folder.id());
        return new FolderState(
                folder.id(), folder.sourceFolder(), targetFolder, sourceUidValidity, targetUidValidity, 0, null);
    }

    /**
     * A folder's name is its key in the sync state: cut, it would name another folder (or none), so a name longer
     * than its column is refused, and the mailbox's sync fails with the name in the message.
     */
    private static void trackable(String folder) {
        if (folder.length() > FOLDER_WIDTH) {
            throw new MailboxSyncException("The folder '" + Fit.cut(folder, 120) + "' has a name longer than the "
                    + FOLDER_WIDTH + " characters Mailferry can keep track of; rename it at the source");
        }
    }

    /** Remembers what the source folder looked like when this pass found it completely in sync. */
    void markInSync(long folderId, SourceStatus status) {
        jdbc.update(
                "UPDATE mf_sync_folder SET synced_uidnext = ?, synced_messages = ?, synced_highest_modseq = ?, "
                        + "updated_at = ? WHERE id = ?",
                status.uidNext(),
                status.messages(),
                status.highestModSeq(),
                Timestamp.from(Instant.now()),
                folderId);
    }

    /** The folder is about to change under us (new messages, flag work); a crash must not leave it "in sync". */
    void clearInSync(long folderId) {
        jdbc.update(
                "UPDATE mf_sync_folder SET synced_uidnext = NULL, synced_messages = NULL, "
                        + "synced_highest_modseq = NULL WHERE id = ?",
                folderId);
    }

    List<FolderState> folders(long mailboxId) {
        return jdbc.query(
                "SELECT " + FOLDER_COLUMNS + " FROM mf_sync_folder WHERE mailbox_id = ? ORDER BY source_folder",
                SyncStateStore::folderState,
                mailboxId);
    }

    private static FolderState folderState(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Long uidNext = rs.getObject(7, Long.class);
        SourceStatus inSync = uidNext == null
                ? null
                : new SourceStatus(rs.getLong(4), uidNext, rs.getLong(8), rs.getObject(9, Long.class));
        return new FolderState(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getLong(4),
                rs.getObject(5, Long.class),
                rs.getLong(6),
                inSync);
    }

    /**
     * The folder's UID map, streamed into primitive arrays (no identity columns: only a copy needs those, and it
     * reads them from the source).
     */
    MessageMap messageMap(long folderId) {
        MessageMap.Builder map = new MessageMap.Builder();
        jdbc.query(
                "SELECT source_uid, target_uid, flags FROM mf_sync_message WHERE folder_id = ? ORDER BY source_uid",
                rs -> {
                    map.add(rs.getLong(1), rs.getObject(2, Long.class), rs.getString(3));
                },
                folderId);
        return map.build();
    }

    void recordCopied(long folderId, long sourceUid, Long targetUid, MessageIdentity identity, String flags) {
        recordCopied(folderId, List.of(new Copied(sourceUid, targetUid, identity, flags)));
    }

    /** One round trip for many map entries; what a crash loses here the next run adopts by identity. */
    void recordCopied(long folderId, List<Copied> copied) {
        if (copied.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(
                "INSERT INTO mf_sync_message (folder_id, source_uid, target_uid, size_bytes, internal_date, "
                        + "message_id, flags) VALUES (?, ?, ?, ?, ?, ?, ?)",
                copied,
                copied.size(),
                (ps, c) -> {
                    ps.setLong(1, folderId);
                    ps.setLong(2, c.sourceUid());
                    ps.setObject(3, c.targetUid());
                    ps.setLong(4, c.identity().size());
                    ps.setTimestamp(
                            5,
                            c.identity().internalDate() == null
                                    ? null
                                    : Timestamp.from(c.identity().internalDate()));
                    ps.setString(6, c.identity().messageIdForStorage());
                    ps.setString(7, storedFlags(c.flags()));
                });
        advance(folderId, copied.stream().mapToLong(Copied::sourceUid).max().orElse(0));
    }

    void recordSkipped(long folderId, long sourceUid, long size, String reason) {
        jdbc.update("DELETE FROM mf_sync_skipped WHERE folder_id = ? AND source_uid = ?", folderId, sourceUid);
        jdbc.update(
                "INSERT INTO mf_sync_skipped (folder_id, source_uid, size_bytes, reason, recorded_at) "
                        + "VALUES (?, ?, ?, ?, ?)",
                folderId,
                sourceUid,
                size,
                Fit.column(reason, REASON_WIDTH),
                Timestamp.from(Instant.now()));
        advance(folderId, sourceUid);
    }

    void advance(long folderId, long sourceUid) {
        jdbc.update(
                "UPDATE mf_sync_folder SET last_source_uid = ?, updated_at = ? "
                        + "WHERE id = ? AND last_source_uid < ?",
                sourceUid,
                Timestamp.from(Instant.now()),
                folderId,
                sourceUid);
    }

    /** The source message is gone (and its copy expunged): drop its map entry. */
    void forget(long folderId, long sourceUid) {
        jdbc.update("DELETE FROM mf_sync_message WHERE folder_id = ? AND source_uid = ?", folderId, sourceUid);
    }

    void updateFlags(long folderId, long sourceUid, String flags) {
        jdbc.update(
                "UPDATE mf_sync_message SET flags = ? WHERE folder_id = ? AND source_uid = ?",
                storedFlags(flags),
                folderId,
                sourceUid);
    }

    /**
     * The flags are stored only to notice a change; cut (hundreds of keywords), they never equal the source's, and
     * the message's flags are compared with the target's on every pass, which is slower but still right.
     */
    private static String storedFlags(String flags) {
        return Fit.column(flags, FLAGS_WIDTH);
    }

    Set<Long> skippedUids(long folderId) {
        return new HashSet<>(
                jdbc.queryForList("SELECT source_uid FROM mf_sync_skipped WHERE folder_id = ?", Long.class, folderId));
    }

    List<Skipped> skipped(long mailboxId) {
        return jdbc.query(
                "SELECT f.source_folder, s.source_uid, s.size_bytes, s.reason FROM mf_sync_skipped s "
                        + "JOIN mf_sync_folder f ON f.id = s.folder_id WHERE f.mailbox_id = ? "
                        + "ORDER BY f.source_folder, s.source_uid",
                (rs, n) -> new Skipped(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4)),
                mailboxId);
    }
}
