package io.mailferry.dns;

import io.mailferry.text.Fit;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** The change log in {@code mf_dns_change} (V5); records are stored as zone-file lines joined by newlines. */
public class JdbcDnsChangeLog implements DnsChangeLog {
    /**
     * Widths of mf_dns_change's columns (V5__dns_changes.sql). DNS names and types are far shorter; the records are
     * never cut, since a rollback writes them back as they are, and an RRset Mailferry changes (MX, a CNAME, a TXT
     * record) is a few hundred characters of the column's 65,535.
     */
    private static final int NAME_WIDTH = 255;

    private static final int TYPE_WIDTH = 16;
    private static final int SERVER_WIDTH = 300;
    private final JdbcTemplate jdbc;

    public JdbcDnsChangeLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public DnsChange record(DnsChange change) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(
                connection -> {
                    PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO mf_dns_change (zone, name, type, "
                                    + "previous_records, new_records, server, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            new String[] {"id"});
                    insert.setString(1, Fit.column(change.zone(), NAME_WIDTH));
                    insert.setString(2, Fit.column(change.name(), NAME_WIDTH));
                    insert.setString(3, Fit.column(change.type(), TYPE_WIDTH));
                    insert.setString(4, String.join("\n", change.previousRecords()));
                    insert.setString(5, String.join("\n", change.newRecords()));
                    insert.setString(6, Fit.column(change.server(), SERVER_WIDTH));
                    insert.setTimestamp(7, Timestamp.from(change.appliedAt()));
                    return insert;
                },
                keys);
        return change.withId(keys.getKey().longValue());
    }

    @Override
    public Optional<DnsChange> find(long id) {
        return jdbc
                .query(
                        "SELECT * FROM mf_dns_change WHERE id = ?",
                        (rs, row) -> new DnsChange(
                                rs.getLong("id"),
                                rs.getString("zone"),
                                rs.getString("name"),
                                rs.getString("type"),
                                lines(rs.getString("previous_records")),
                                lines(rs.getString("new_records")),
                                rs.getString("server"),
                                rs.getTimestamp("applied_at").toInstant()),
                        id)
                .stream()
                .findFirst();
    }

    private static List<String> lines(String text) {
        return text == null || text.isBlank()
                ? List.of()
                : Arrays.stream(text.split("\n")).filter(l -> !l.isBlank()).toList();
    }
}
