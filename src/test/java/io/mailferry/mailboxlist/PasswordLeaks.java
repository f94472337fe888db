package io.mailferry.mailboxlist;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Looks for a password in every column of every table of the database, as text and as UTF-8 bytes. */
public final class PasswordLeaks {
    private PasswordLeaks() {}

    /** "table.column" for every cell that holds {@code password}; empty when it is nowhere. */
    public static List<String> tablesContaining(JdbcTemplate jdbc, String password) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        List<String> found = new ArrayList<>();
        List<String[]> columns = jdbc.query(
                "SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = CURRENT_SCHEMA",
                (rs, n) -> new String[] {rs.getString(1), rs.getString(2)});
        if (columns.isEmpty()) {
            throw new IllegalStateException("No tables to search: is this the migrated database?");
        }
        for (String[] column : columns) {
            jdbc.query("SELECT \"" + column[1] + "\" FROM \"" + column[0] + "\"", rs -> {
                Object cell = rs.getObject(1);
                byte[] value = cell instanceof byte[] binary
                        ? binary
                        : String.valueOf(cell).getBytes(StandardCharsets.UTF_8);
                if (cell != null && contains(value, bytes)) {
                    // upper case on every database (PostgreSQL keeps these names in lower case)
                    found.add((column[0] + "." + column[1]).toUpperCase(java.util.Locale.ROOT));
                }
            });
        }
        return found;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
