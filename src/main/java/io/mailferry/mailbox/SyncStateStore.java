package io.mailferry.mailbox;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Per-folder sync state. Each copied message is recorded the moment it is appended (auto-commit), so a crash
 * loses at most the record of one message, which the identity check of the next run recovers.
 */
final class SyncStateStore {
    record FolderState(long id, String sourceFolder, String targetFolder, long sourceUidValidity,
                       Long targetUidValidity, long lastSourceUid) {}

    record MappedMessage(long sourceUid, Long targetUid, MessageIdentity identity, String flags) {}

    record Skipped(String sourceFolder, long sourceUid, long size, String reason) {}

    private final JdbcTemplate jdbc;

    SyncStateStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    FolderState folder(long mailboxId, String sourceFolder) {
        return jdbc.query("SELECT id, source_folder, target_folder, source_uidvalidity, target_uidvalidity, "
                        + "last_source_uid FROM mf_sync_folder WHERE mailbox_id = ? AND source_folder = ?",
                (rs, n) -> new FolderState(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        (Long) rs.getObject(5, Long.class), rs.getLong(6)), mailboxId, sourceFolder)
                .stream().findFirst().orElse(null);
    }

    FolderState createFolder(long mailboxId, String sourceFolder, String targetFolder, long sourceUidValidity,
                             long targetUidValidity) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("INSERT INTO mf_sync_folder (mailbox_id, source_folder, "
                    + "target_folder, source_uidvalidity, target_uidvalidity, last_source_uid, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, 0, ?)", new String[] {"id"});
            ps.setLong(1, mailboxId);
            ps.setString(2, sourceFolder);
            ps.setString(3, targetFolder);
            ps.setLong(4, sourceUidValidity);
            ps.setLong(5, targetUidValidity);
            ps.setTimestamp(6, Timestamp.from(Instant.now()));
            return ps;
        }, keys);
        long id = Objects.requireNonNull(keys.getKey()).longValue();
        return new FolderState(id, sourceFolder, targetFolder, sourceUidValidity, targetUidValidity, 0);
    }

    /** Forgets the UID map (UIDs are meaningless after a UIDVALIDITY change); messages are then re-matched. */
    FolderState reset(FolderState folder, String targetFolder, long sourceUidValidity, long targetUidValidity) {
        jdbc.update("DELETE FROM mf_sync_message WHERE folder_id = ?", folder.id());
        jdbc.update("DELETE FROM mf_sync_skipped WHERE folder_id = ?", folder.id());
        jdbc.update("UPDATE mf_sync_folder SET target_folder = ?, source_uidvalidity = ?, target_uidvalidity = ?, "
                        + "last_source_uid = 0, updated_at = ? WHERE id = ?", targetFolder, sourceUidValidity,
                targetUidValidity, Timestamp.from(Instant.now()), folder.id());
        return new FolderState(folder.id(), folder.sourceFolder(), targetFolder, sourceUidValidity,
                targetUidValidity, 0);
    }

    List<FolderState> folders(long mailboxId) {
        return jdbc.query("SELECT id, source_folder, target_folder, source_uidvalidity, target_uidvalidity, "
                        + "last_source_uid FROM mf_sync_folder WHERE mailbox_id = ? ORDER BY source_folder",
                (rs, n) -> new FolderState(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        (Long) rs.getObject(5, Long.class), rs.getLong(6)), mailboxId);
    }

    Map<Long, MappedMessage> mapped(long folderId) {
        Map<Long, MappedMessage> result = new HashMap<>();
        jdbc.query("SELECT source_uid, target_uid, size_bytes, internal_date, message_id, flags "
                + "FROM mf_sync_message WHERE folder_id = ?", rs -> {
            Timestamp date = rs.getTimestamp(4);
            MessageIdentity identity = new MessageIdentity(rs.getLong(3),
                    date == null ? null : date.toInstant(), rs.getString(5));
            result.put(rs.getLong(1), new MappedMessage(rs.getLong(1), (Long) rs.getObject(2, Long.class),
                    identity, rs.getString(6)));
        }, folderId);
        return result;
    }

    void recordCopied(long folderId, long sourceUid, Long targetUid, MessageIdentity identity, String flags) {
        jdbc.update("INSERT INTO mf_sync_message (folder_id, source_uid, target_uid, size_bytes, internal_date, "
                        + "message_id, flags) VALUES (?, ?, ?, ?, ?, ?, ?)", folderId, sourceUid, targetUid,
                identity.size(), identity.internalDate() == null ? null : Timestamp.from(identity.internalDate()),
                identity.messageIdForStorage(), flags);
        advance(folderId, sourceUid);
    }

    void recordSkipped(long folderId, long sourceUid, long size, String reason) {
        jdbc.update("DELETE FROM mf_sync_skipped WHERE folder_id = ? AND source_uid = ?", folderId, sourceUid);
        jdbc.update("INSERT INTO mf_sync_skipped (folder_id, source_uid, size_bytes, reason, recorded_at) "
                + "VALUES (?, ?, ?, ?, ?)", folderId, sourceUid, size, reason, Timestamp.from(Instant.now()));
        advance(folderId, sourceUid);
    }

    void advance(long folderId, long sourceUid) {
        jdbc.update("UPDATE mf_sync_folder SET last_source_uid = ?, updated_at = ? "
                + "WHERE id = ? AND last_source_uid < ?", sourceUid, Timestamp.from(Instant.now()), folderId, sourceUid);
    }

    void updateFlags(long folderId, long sourceUid, String flags) {
        jdbc.update("UPDATE mf_sync_message SET flags = ? WHERE folder_id = ? AND source_uid = ?",
                flags, folderId, sourceUid);
    }

    Set<Long> skippedUids(long folderId) {
        return new HashSet<>(jdbc.queryForList("SELECT source_uid FROM mf_sync_skipped WHERE folder_id = ?",
                Long.class, folderId));
    }

    List<Skipped> skipped(long mailboxId) {
        return jdbc.query("SELECT f.source_folder, s.source_uid, s.size_bytes, s.reason FROM mf_sync_skipped s "
                        + "JOIN mf_sync_folder f ON f.id = s.folder_id WHERE f.mailbox_id = ? "
                        + "ORDER BY f.source_folder, s.source_uid",
                (rs, n) -> new Skipped(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4)), mailboxId);
    }
}
