package io.mailferry.dns;

import io.mailferry.text.Fit;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The change log in {@code mf_dns_change} (V5, V9); records are stored as zone-file lines joined by newlines. Every
 * write runs in a transaction of its own (REQUIRES_NEW): a change is made on a DNS server, outside any database
 * transaction, so the job that makes it may roll back while the change stays live, and its entry must stay too.
 */
public class JdbcDnsChangeLog implements DnsChangeLog {
    /**
     * Widths of mf_dns_change's columns (V5__dns_changes.sql). DNS names and types are far shorter; the records are
     * never cut, since a rollback writes them back as they are, and an RRset Mailferry changes (MX, a CNAME, a TXT
     * record) is a few hundred characters of the column's 65,535.
     */
    private static final int NAME_WIDTH = 255;

    private static final int TYPE_WIDTH = 16;
    private static final int SERVER_WIDTH = 300;
    static final int MAX_FAILURE_LENGTH = 2000;
    private static final String COLUMNS = "id, zone, name, type, previous_records, new_records, server, state, "
            + "recorded_at, applied_at, failure, migration, process_instance_id, step, rollback_of";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate separately;

    /** The application's: the writes commit apart from the engine's transaction, through its transaction manager. */
    public JdbcDnsChangeLog(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    /** Outside the application (command line, tests): a transaction manager of its own over the same database. */
    public JdbcDnsChangeLog(JdbcTemplate jdbc) {
        this(jdbc, new DataSourceTransactionManager(jdbc.getDataSource()));
    }

    @Override
    public DnsChange recordPending(DnsChange change) {
        KeyHolder keys = new GeneratedKeyHolder();
        separately.executeWithoutResult(status -> jdbc.update(
                connection -> {
                    PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO mf_dns_change (zone, name, type, previous_records, new_records, server, "
                                    + "state, recorded_at, failure, migration, process_instance_id, step, "
                                    + "rollback_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            new String[] {"id"});
                    insert.setString(1, Fit.column(change.zone(), NAME_WIDTH));
                    insert.setString(2, Fit.column(change.name(), NAME_WIDTH));
                    insert.setString(3, Fit.column(change.type(), TYPE_WIDTH));
                    insert.setString(4, String.join("\n", change.previousRecords()));
                    insert.setString(5, String.join("\n", change.newRecords()));
                    insert.setString(6, Fit.column(change.server(), SERVER_WIDTH));
                    insert.setString(7, DnsChange.State.PENDING.name());
                    insert.setTimestamp(8, Timestamp.from(change.recordedAt()));
                    insert.setString(9, capped(change.failure()));
                    insert.setString(10, change.origin().migration());
                    insert.setString(11, change.origin().processInstance());
                    insert.setString(12, change.origin().step());
                    if (change.isRollback()) {
                        insert.setLong(13, change.rollbackOf());
                    } else {
                        insert.setNull(13, java.sql.Types.BIGINT);
                    }
                    return insert;
                },
                keys));
        return change.withId(keys.getKey().longValue());
    }

    @Override
    public void update(DnsChange change) {
        separately.executeWithoutResult(status -> jdbc.update(
                "UPDATE mf_dns_change SET state = ?, new_records = ?, applied_at = ?, failure = ? WHERE id = ?",
                change.state().name(),
                String.join("\n", change.newRecords()),
                change.appliedAt() == null ? null : Timestamp.from(change.appliedAt()),
                capped(change.failure()),
                change.id()));
    }

    @Override
    public Optional<DnsChange> find(long id) {
        return jdbc
                .query("SELECT " + COLUMNS + " FROM mf_dns_change WHERE id = ?", JdbcDnsChangeLog::change, id)
                .stream()
                .findFirst();
    }

    @Override
    public List<DnsChange> madeBy(String processInstance) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM mf_dns_change WHERE process_instance_id = ? OR rollback_of IN "
                        + "(SELECT id FROM mf_dns_change WHERE process_instance_id = ?) ORDER BY id",
                JdbcDnsChangeLog::change,
                processInstance,
                processInstance);
    }

    @Override
    public List<DnsChange> newest(int limit) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM mf_dns_change ORDER BY id DESC FETCH FIRST " + Math.max(1, limit)
                        + " ROWS ONLY",
                JdbcDnsChangeLog::change);
    }

    @Override
    public List<DnsChange> rollbacksOf(long id) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM mf_dns_change WHERE rollback_of = ? ORDER BY id",
                JdbcDnsChangeLog::change,
                id);
    }

    private static DnsChange change(ResultSet rs, int row) throws SQLException {
        Timestamp applied = rs.getTimestamp("applied_at");
        return new DnsChange(
                rs.getLong("id"),
                rs.getString("zone"),
                rs.getString("name"),
                rs.getString("type"),
                lines(rs.getString("previous_records")),
                lines(rs.getString("new_records")),
                rs.getString("server"),
                DnsChange.State.valueOf(rs.getString("state")),
                rs.getTimestamp("recorded_at").toInstant(),
                applied == null ? null : applied.toInstant(),
                rs.getString("failure"),
                new DnsChangeOrigin(
                        rs.getString("migration"), rs.getString("process_instance_id"), rs.getString("step")),
                rs.getLong("rollback_of"));
    }

    private static String capped(String text) {
        return text == null || text.length() <= MAX_FAILURE_LENGTH
                ? text
                : text.substring(0, MAX_FAILURE_LENGTH - 1) + "…";
    }

    private static List<String> lines(String text) {
        return text == null || text.isBlank()
                ? List.of()
                : Arrays.stream(text.split("\n")).filter(l -> !l.isBlank()).toList();
    }
}
