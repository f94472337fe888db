package io.mailferry.access;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts failed sign-ins per user and source address, and per source address, in {@code mf_login_failure}, and says
 * when a sign-in may not even be tried. A lock lasts {@link LoginProperties#lock()} and holds only for the address the
 * failures came from, so wrong passwords from one place never lock the user out from another (Camunda's own lock is
 * per user and, after ten failures, permanent). The table is shared by the nodes of a cluster. Each change is committed
 * at once in a transaction of its own, so a failure counts even when the caller's transaction rolls back.
 */
@Component
public class LoginThrottle {
    static final String USER = "USER";
    static final String ADDRESS = "ADDRESS";
    /** Camunda user ids are at most 64 characters; longer names cannot exist and are counted by their start. */
    static final int MAX_KEY = 64;

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate separately;
    private final LoginProperties properties;
    private final Clock clock;

    @Autowired
    public LoginThrottle(JdbcTemplate jdbc, PlatformTransactionManager transactions, LoginProperties properties) {
        this(jdbc, transactions, properties, Clock.systemUTC());
    }

    LoginThrottle(JdbcTemplate jdbc, PlatformTransactionManager transactions, LoginProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        this.properties = properties;
        this.clock = clock;
    }

    /** Until when a sign-in as {@code user} from {@code address} is refused unchecked; null when it may be tried. */
    public Instant lockedUntil(String address, String user) {
        List<Long> until = jdbc.queryForList(
                "SELECT locked_until_ms FROM mf_login_failure WHERE locked_until_ms > ? AND source_address = ?"
                        + " AND ((kind = ? AND user_id = ?) OR (kind = ? AND user_id = ''))",
                Long.class,
                clock.millis(),
                key(address),
                USER,
                key(user),
                ADDRESS);
        return until.stream().max(Long::compare).map(Instant::ofEpochMilli).orElse(null);
    }

    /** A wrong password (or an unknown user) from {@code address}: counted for the pair and for the address. */
    public void failed(String address, String user) {
        long now = clock.millis();
        separately.executeWithoutResult(t -> jdbc.update(
                "DELETE FROM mf_login_failure WHERE first_failure_ms < ? AND (locked_until_ms IS NULL"
                        + " OR locked_until_ms < ?)",
                now - properties.lock().toMillis(),
                now));
        count(USER, address, user, properties.maxFailures(), now);
        count(ADDRESS, address, "", properties.maxFailuresPerAddress(), now);
    }

    /** The right password: the user's failures from this address are forgotten (the address's are not). */
    public void succeeded(String address, String user) {
        separately.executeWithoutResult(t -> jdbc.update(
                "DELETE FROM mf_login_failure WHERE kind = ? AND source_address = ? AND user_id = ?",
                USER,
                key(address),
                key(user)));
    }

    private void count(String kind, String address, String user, int limit, long now) {
        long forgetBefore = now - properties.lock().toMillis();
        Object[] row = {kind, key(address), key(user)};
        boolean counted = separately.execute(t -> jdbc.update(
                        "UPDATE mf_login_failure SET"
                                + " failures = CASE WHEN first_failure_ms < ? THEN 1 ELSE failures + 1 END,"
                                + " first_failure_ms = CASE WHEN first_failure_ms < ? THEN ? ELSE first_failure_ms END"
                                + " WHERE kind = ? AND source_address = ? AND user_id = ?",
                        forgetBefore,
                        forgetBefore,
                        now,
                        row[0],
                        row[1],
                        row[2])
                > 0);
        if (!counted) {
            try {
                separately.executeWithoutResult(t -> jdbc.update(
                        "INSERT INTO mf_login_failure (kind, source_address, user_id, failures, first_failure_ms)"
                                + " VALUES (?, ?, ?, 1, ?)",
                        row[0],
                        row[1],
                        row[2],
                        now));
            } catch (DuplicateKeyException inserted) {
                // another request (or node) counted the first failure meanwhile; count this one on top
                count(kind, address, user, limit, now);
                return;
            }
        }
        long until = now + properties.lock().toMillis();
        Integer locked = separately.execute(t -> jdbc.update(
                "UPDATE mf_login_failure SET locked_until_ms = ?, failures = 0, first_failure_ms = ?"
                        + " WHERE kind = ? AND source_address = ? AND user_id = ? AND failures >= ?",
                until,
                now,
                row[0],
                row[1],
                row[2],
                limit));
        if (locked != null && locked > 0) {
            log.warn(
                    "{} failed sign-ins {} from {}: refused from there until {} (mailferry.login.*)",
                    limit,
                    kind.equals(USER) ? "as '" + printable(user) + "'" : "for any user",
                    printable(address),
                    Instant.ofEpochMilli(until));
        }
    }

    private static String key(String value) {
        String text = value == null ? "" : value;
        return text.length() > MAX_KEY ? text.substring(0, MAX_KEY) : text;
    }

    /** A user name is whatever a client sent: no line breaks or other control characters reach the log. */
    private static String printable(String value) {
        return key(value).replaceAll("\\p{Cntrl}", "?");
    }
}
