package io.mailferry.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The throttle's arithmetic on the real table (Flyway's schema on H2), with a clock the test moves. */
class LoginThrottleTest {
    private static final Duration LOCK = Duration.ofMinutes(15);
    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T08:00:00Z"));
    private LoginThrottle throttle;
    private JdbcTemplate jdbc;

    @BeforeEach
    void setUp() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:login-throttle-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).table("mf_flyway_history").load().migrate();
        jdbc = new JdbcTemplate(h2);
        throttle =
                new LoginThrottle(jdbc, new DataSourceTransactionManager(h2), new LoginProperties(5, 20, LOCK), clock);
    }

    @Test
    void locksTheUserOnlyFromTheAddressTheFailuresCameFromAndOnlyForAWhile() {
        for (int i = 1; i <= 4; i++) {
            throttle.failed("203.0.113.7", "olga");
            assertThat(throttle.lockedUntil("203.0.113.7", "olga"))
                    .as("after %d", i)
                    .isNull();
        }
        throttle.failed("203.0.113.7", "olga");

        assertThat(throttle.lockedUntil("203.0.113.7", "olga"))
                .isEqualTo(clock.instant().plus(LOCK));
        assertThat(throttle.lockedUntil("198.51.100.2", "olga"))
                .as("another address")
                .isNull();
        assertThat(throttle.lockedUntil("203.0.113.7", "demo"))
                .as("another user")
                .isNull();

        clock.advance(LOCK.plusSeconds(1));
        assertThat(throttle.lockedUntil("203.0.113.7", "olga"))
                .as("the lock ends")
                .isNull();
        throttle.failed("203.0.113.7", "olga");
        assertThat(throttle.lockedUntil("203.0.113.7", "olga"))
                .as("counting starts afresh after a lock")
                .isNull();
    }

    @Test
    void forgetsOldFailuresAndASuccessResetsThePair() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("203.0.113.7", "olga");
        }
        clock.advance(LOCK.plusSeconds(1));
        throttle.failed("203.0.113.7", "olga");
        assertThat(throttle.lockedUntil("203.0.113.7", "olga"))
                .as("four failures long ago and one now")
                .isNull();

        for (int i = 0; i < 3; i++) {
            throttle.failed("203.0.113.7", "olga");
        }
        throttle.succeeded("203.0.113.7", "olga");
        throttle.failed("203.0.113.7", "olga");
        assertThat(throttle.lockedUntil("203.0.113.7", "olga")).isNull();
    }

    @Test
    void locksAnAddressThatTriesManyUsers() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("203.0.113.9", "guess" + i);
        }
        assertThat(throttle.lockedUntil("203.0.113.9", "demo"))
                .isEqualTo(clock.instant().plus(LOCK));
        assertThat(throttle.lockedUntil("198.51.100.2", "demo")).isNull();
    }

    @Test
    void storesAnyNameSafelyAndKeepsTheTableSmall() {
        String hostile = "x".repeat(10_000) + "'\n; DROP TABLE mf_login_failure; --";
        for (int i = 0; i < 5; i++) {
            throttle.failed("203.0.113.7", hostile);
        }
        assertThat(throttle.lockedUntil("203.0.113.7", hostile)).isNotNull();

        clock.advance(LOCK.multipliedBy(2));
        throttle.failed("198.51.100.2", "olga");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mf_login_failure", Integer.class))
                .as("expired rows are deleted at the next failure; only olga's two remain")
                .isEqualTo(2);
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
