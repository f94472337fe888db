package io.mailferry.config;

import java.util.Locale;

/** Reads the database host out of a JDBC URL, for the checks that keep the demo on this machine. */
final class JdbcUrls {
    private JdbcUrls() {}

    /** "the database at HOST" or "a database file", for messages. */
    static String describe(String url) {
        String host = host(url);
        return host == null ? "a database file" : "the database at " + host;
    }

    /**
     * The host a JDBC URL connects to; {@code null} for an embedded database (H2 in memory or in a file), which is
     * always on this machine. An H2 server URL ({@code jdbc:h2:tcp://host/…}) and every other driver's
     * {@code //host[:port]/} form count as a host.
     */
    static String host(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String u = url.trim();
        String lower = u.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:tcp:") && !lower.startsWith("jdbc:h2:ssl:")) {
            return null;
        }
        int slashes = u.indexOf("//");
        if (slashes < 0) {
            return u; // not a form we know: treat the whole URL as foreign, the check then names it
        }
        String rest = u.substring(slashes + 2);
        int end = rest.length();
        for (char stop : new char[] {'/', '?', ';', ','}) {
            int i = rest.indexOf(stop);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        String authority = rest.substring(0, end);
        int at = authority.lastIndexOf('@');
        return DeploymentProfileCheck.hostOf(at >= 0 ? authority.substring(at + 1) : authority);
    }
}
