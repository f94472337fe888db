package io.mailferry.mailbox;

import static io.mailferry.batch.MigrationBatchService.utc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * At most N mailboxes at once per endpoint in the whole cluster: each turn is a row of {@code mf_endpoint_slot},
 * taken by a conditional UPDATE (free, or its holder's lease ran out) committed on its own, so every node sees the
 * same turns and a node that died gives its turns back when their lease ends. Both endpoints of a slice are tried
 * one statement at a time and nothing is held while waiting, so two slices can never each hold one and wait for
 * the other.
 */
final class EndpointSlots {
    /** How often a waiting slice looks for a free turn (with jitter, so waiting nodes do not ask in step). */
    static final Duration POLL = Duration.ofMillis(500);

    private final JdbcTemplate jdbc;
    private final Consumer<Runnable> separately;
    private final int perEndpoint;
    private final Clock clock;
    private final SyncMetrics metrics;

    /**
     * @param separately runs its argument in a transaction of its own, committed at once: a turn taken inside a
     *     job's transaction would stay invisible to the other nodes until the job commits
     */
    EndpointSlots(JdbcTemplate jdbc, Consumer<Runnable> separately, int perEndpoint, Clock clock, SyncMetrics metrics) {
        this.jdbc = jdbc;
        this.separately = separately;
        this.perEndpoint = perEndpoint;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * A turn on both endpoints for {@code holder} until {@code until}, or false when {@code wait} passed without one
     * (then nothing is held).
     */
    boolean acquire(long sourceEndpoint, long targetEndpoint, String holder, Instant until, Duration wait)
            throws InterruptedException {
        Instant asked = clock.instant();
        Instant giveUp = asked.plus(wait);
        Long blocked = null; // the endpoint that had no free turn, measured when the slice had to wait
        while (true) {
            boolean source = tryTake(sourceEndpoint, holder, until);
            if (source && (sourceEndpoint == targetEndpoint || tryTake(targetEndpoint, holder, until))) {
                if (blocked != null) {
                    metrics.endpointWait(blocked, Duration.between(asked, clock.instant()), true);
                }
                return true;
            }
            blocked = source ? targetEndpoint : sourceEndpoint;
            release(holder);
            if (!clock.instant().isBefore(giveUp)) {
                metrics.endpointWait(blocked, Duration.between(asked, clock.instant()), false);
                return false;
            }
            long pause = POLL.toMillis() / 2 + ThreadLocalRandom.current().nextLong(POLL.toMillis());
            Thread.sleep(Math.max(
                    1, Math.min(pause, Duration.between(clock.instant(), giveUp).toMillis())));
        }
    }

    private boolean tryTake(long endpointId, String holder, Instant until) {
        createSlots(endpointId);
        Instant now = clock.instant();
        for (int slot = 0; slot < perEndpoint; slot++) {
            int s = slot;
            int[] taken = new int[1];
            separately.accept(() -> taken[0] = jdbc.update(
                    "UPDATE mf_endpoint_slot SET holder = ?, held_until = ? WHERE endpoint_id = ? AND slot = ? "
                            + "AND (holder IS NULL OR held_until < ?)",
                    holder,
                    utc(until),
                    endpointId,
                    s,
                    utc(now)));
            if (taken[0] == 1) {
                return true;
            }
        }
        return false;
    }

    /** The rows for the configured number of turns; another node may be creating them at the same moment. */
    private void createSlots(long endpointId) {
        List<Integer> existing =
                jdbc.queryForList("SELECT slot FROM mf_endpoint_slot WHERE endpoint_id = ?", Integer.class, endpointId);
        for (int slot = 0; slot < perEndpoint; slot++) {
            if (existing.contains(slot)) {
                continue;
            }
            int s = slot;
            try {
                separately.accept(() ->
                        jdbc.update("INSERT INTO mf_endpoint_slot (endpoint_id, slot) VALUES (?, ?)", endpointId, s));
            } catch (DuplicateKeyException alreadyThere) {
                // created by another slice or node meanwhile
            }
        }
    }

    /** Extends every turn {@code holder} has; committed at once. */
    void renew(String holder, Instant until) {
        separately.accept(
                () -> jdbc.update("UPDATE mf_endpoint_slot SET held_until = ? WHERE holder = ?", utc(until), holder));
    }

    /** Gives back every turn {@code holder} has; committed at once. */
    void release(String holder) {
        separately.accept(() ->
                jdbc.update("UPDATE mf_endpoint_slot SET holder = NULL, held_until = NULL WHERE holder = ?", holder));
    }

    /** Turns on the endpoint held now, by any node. */
    int inUse(long endpointId) {
        Integer n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM mf_endpoint_slot WHERE endpoint_id = ? AND holder IS NOT NULL AND held_until >= ?",
                Integer.class,
                endpointId,
                utc(clock.instant()));
        return n == null ? 0 : n;
    }
}
