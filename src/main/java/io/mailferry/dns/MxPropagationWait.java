package io.mailferry.dns;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Seed step 5, after the records changed: when the propagation wait may end. That is the change plus the longer of
 * the configured wait (seed: 72 h) and the largest TTL a resolver may still hold an old answer for: a resolver that
 * asked just before the change keeps the old MX, Autodiscover or SPF answer that long.
 */
public final class MxPropagationWait {
    private final Instant changedAt;
    private final Duration minimumWait;
    private final Duration longestTtl;
    private final List<String> ttlDetails;

    private MxPropagationWait(Instant changedAt, Duration minimumWait, Duration longestTtl, List<String> ttlDetails) {
        this.changedAt = changedAt;
        this.minimumWait = minimumWait;
        this.longestTtl = longestTtl;
        this.ttlDetails = ttlDetails;
    }

    /**
     * @param ttlsBeforeChange the TTLs that count, which the caller decides: the MX's and the Autodiscover name's,
     *                         and the TXT records' only when the SPF record changed too. Rebuilt from what the
     *                         process kept with {@link CachedTtl#remembered}; a TTL without detail counts, unnamed.
     */
    public static MxPropagationWait of(Instant changedAt, Duration minimumWait, List<CachedTtl> ttlsBeforeChange) {
        long longest =
                ttlsBeforeChange.stream().mapToLong(CachedTtl::seconds).max().orElse(0);
        return new MxPropagationWait(
                changedAt,
                minimumWait,
                Duration.ofSeconds(Math.max(0, longest)),
                ttlsBeforeChange.stream()
                        .map(CachedTtl::detail)
                        .filter(Objects::nonNull)
                        .toList());
    }

    public Instant changedAt() {
        return changedAt;
    }

    /** Whether an old TTL is longer than the configured wait, so that it decides when the wait ends. */
    public boolean ttlDecides() {
        return longestTtl.compareTo(minimumWait) > 0;
    }

    /** How long after the change the wait ends. */
    public Duration waitFor() {
        return ttlDecides() ? longestTtl : minimumWait;
    }

    public Instant until() {
        return changedAt.plus(waitFor());
    }

    /** e.g. {@code 2026-03-11 02:00 UTC}. */
    public String changedAtText() {
        return HumanText.instant(changedAt);
    }

    /**
     * The end and why, e.g. {@code 2026-03-14 02:00 UTC (3 days after the change: the wait of at least 3 days, longer
     * than the largest old TTL of 1 hour)}.
     */
    public String untilText() {
        return HumanText.instant(until()) + " (" + HumanText.duration(waitFor()) + " after the change: "
                + (ttlDecides()
                        ? "the largest old TTL, longer than the " + HumanText.duration(minimumWait)
                                + " to wait at least"
                        : "the wait of at least " + HumanText.duration(minimumWait)
                                + ", longer than the largest old TTL of " + HumanText.duration(longestTtl))
                + ")";
    }

    /** Each TTL's detail, one a line, or {@code (not read)} when none was. */
    public String ttlsText() {
        return ttlDetails.isEmpty() ? "(not read)" : String.join("\n", ttlDetails);
    }
}
