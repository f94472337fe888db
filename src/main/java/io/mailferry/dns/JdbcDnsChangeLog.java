package io.mailferry.dns;

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
                    insert.setString(1, change.zone());
                    insert.setString(2, change.name());
                    insert.setString(3, change.type());
                    insert.setString(4, String.join("\n", change.previousRecords()));
                    insert.setString(5, String.join("\n", change.newRecords()));
                    insert.setString(6, change.server());
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
