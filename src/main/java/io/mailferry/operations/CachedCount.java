package io.mailferry.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A count from the database, asked again only once {@code maxAge} has passed, so a gauge costs one query per interval
 * however many scrapers read it. A failed query reads as NaN (unknown) until the next interval, never as a stale value.
 */
final class CachedCount {
    private static final Logger log = LoggerFactory.getLogger(CachedCount.class);

    private final String name;
    private final LongSupplier query;
    private final Duration maxAge;
    private final Clock clock;
    private Instant askedAt;
    private double value = Double.NaN;

    CachedCount(String name, LongSupplier query, Duration maxAge, Clock clock) {
        this.name = name;
        this.query = query;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    synchronized double value() {
        Instant now = clock.instant();
        if (askedAt == null || !now.isBefore(askedAt.plus(maxAge))) {
            askedAt = now;
            try {
                value = query.getAsLong();
            } catch (RuntimeException e) {
                log.warn("Cannot count {} for the metrics: {}", name, e.getMessage());
                value = Double.NaN;
            }
        }
        return value;
    }
}
