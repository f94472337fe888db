package io.mailferry.cutover;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The mailbox owners a migration notice goes to, listed once from the directory (table mf_notice_recipient), so
 * that every group of the notice takes its part of the same list.
 */
@Repository
class NoticeRecipients {
    private final JdbcTemplate jdbc;

    NoticeRecipients(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** In the caller's transaction: the list is kept only if the step that lists it completes. */
    void replace(String noticeKey, List<String> recipients) {
        jdbc.update("DELETE FROM mf_notice_recipient WHERE notice_key = ?", noticeKey);
        jdbc.batchUpdate(
                "INSERT INTO mf_notice_recipient (notice_key, ordinal, recipient) VALUES (?, ?, ?)",
                new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        ps.setString(1, noticeKey);
                        ps.setInt(2, i);
                        ps.setString(3, recipients.get(i));
                    }

                    @Override
                    public int getBatchSize() {
                        return recipients.size();
                    }
                });
    }

    List<String> of(String noticeKey) {
        return jdbc.queryForList(
                "SELECT recipient FROM mf_notice_recipient WHERE notice_key = ? ORDER BY ordinal",
                String.class,
                noticeKey);
    }
}
