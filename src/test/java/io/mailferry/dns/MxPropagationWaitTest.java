package io.mailferry.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The MX propagation wait: the change plus the longer of the configured wait and the largest old TTL passed. */
class MxPropagationWaitTest {
    private static final Instant CHANGED = Instant.parse("2026-03-11T02:00:00Z");
    private static final Duration SEED_WAIT = Duration.ofHours(72);
    private static final CachedTtl MX = new CachedTtl("contoso.com", 3600, true, "contoso.com MX: TTL 3600 s");
    private static final CachedTtl AUTODISCOVER = new CachedTtl(
            "autodiscover.contoso.com",
            300,
            false,
            "autodiscover.contoso.com did not exist (NXDOMAIN); negative answers are cached for 300 s (SOA of "
                    + "contoso.com)");
    private static final CachedTtl SPF = new CachedTtl("contoso.com", 86400, true, "contoso.com TXT: TTL 86400 s");

    @Test
    void theSeventyTwoHoursDecideOverAnHourLongTtl() {
        MxPropagationWait wait = MxPropagationWait.of(CHANGED, SEED_WAIT, List.of(MX, AUTODISCOVER));

        assertThat(wait.changedAt()).isEqualTo(CHANGED);
        assertThat(wait.ttlDecides()).isFalse();
        assertThat(wait.waitFor()).isEqualTo(SEED_WAIT);
        assertThat(wait.until()).isEqualTo(Instant.parse("2026-03-14T02:00:00Z"));
        assertThat(wait.changedAtText()).isEqualTo("2026-03-11 02:00 UTC");
        assertThat(wait.untilText())
                .isEqualTo("2026-03-14 02:00 UTC (3 days after the change: the wait of at least "
                        + "3 days, longer than the largest old TTL of 1 hour)");
        assertThat(wait.ttlsText()).isEqualTo("contoso.com MX: TTL 3600 s\n" + AUTODISCOVER.detail());
    }

    @Test
    void aFourDayTtlDecidesOverTheSeventyTwoHours() {
        CachedTtl longMx = new CachedTtl("contoso.com", 4 * 86400, true, "contoso.com MX: TTL 345600 s");

        MxPropagationWait wait = MxPropagationWait.of(CHANGED, SEED_WAIT, List.of(longMx, AUTODISCOVER));

        assertThat(wait.ttlDecides()).isTrue();
        assertThat(wait.waitFor()).isEqualTo(Duration.ofDays(4));
        assertThat(wait.until()).isEqualTo(Instant.parse("2026-03-15T02:00:00Z"));
        assertThat(wait.untilText())
                .isEqualTo("2026-03-15 02:00 UTC (4 days after the change: the largest old TTL, "
                        + "longer than the 3 days to wait at least)");
    }

    @Test
    void aTtlAsLongAsTheWaitLeavesItToTheWait() {
        MxPropagationWait wait = MxPropagationWait.of(CHANGED, Duration.ofHours(1), List.of(MX));

        assertThat(wait.ttlDecides()).isFalse();
        assertThat(wait.untilText())
                .endsWith("(1 hour after the change: the wait of at least 1 hour, longer than the "
                        + "largest old TTL of 1 hour)");
    }

    @Test
    void theSpfRecordsTtlCountsOnlyWhenTheCallerPassesIt() {
        Duration hour = Duration.ofHours(1);

        MxPropagationWait withoutSpf = MxPropagationWait.of(CHANGED, hour, List.of(MX, AUTODISCOVER));
        MxPropagationWait withSpf = MxPropagationWait.of(CHANGED, hour, List.of(MX, AUTODISCOVER, SPF));

        assertThat(withoutSpf.waitFor()).isEqualTo(hour);
        assertThat(withoutSpf.ttlsText()).doesNotContain("TXT");
        assertThat(withSpf.waitFor()).isEqualTo(Duration.ofDays(1));
        assertThat(withSpf.untilText())
                .isEqualTo("2026-03-12 02:00 UTC (1 day after the change: the largest old TTL, "
                        + "longer than the 1 hour to wait at least)");
        assertThat(withSpf.ttlsText()).endsWith("\ncontoso.com TXT: TTL 86400 s");
    }

    @Test
    void withoutTtlsTheConfiguredWaitDecidesAndTheTtlsWereNotRead() {
        MxPropagationWait wait = MxPropagationWait.of(CHANGED, Duration.ofMinutes(1), List.of());

        assertThat(wait.waitFor()).isEqualTo(Duration.ofMinutes(1));
        assertThat(wait.ttlsText()).isEqualTo("(not read)");
        assertThat(wait.untilText())
                .isEqualTo("2026-03-11 02:01 UTC (1 minute after the change: the wait of at least "
                        + "1 minute, longer than the largest old TTL of 0 seconds)");
    }

    @Test
    void theTtlsComeBackEqualFromTheSecondsAndDetailTheProcessKeeps() {
        CachedTtl nodata = new CachedTtl(
                "mail.contoso.com",
                300,
                false,
                "mail.contoso.com had no CNAME record; "
                        + "negative answers are cached for 300 s (SOA of contoso.com)");
        for (CachedTtl ttl : List.of(MX, AUTODISCOVER, SPF, nodata)) {
            assertThat(CachedTtl.remembered(ttl.seconds(), ttl.detail())).isEqualTo(ttl);
        }
    }

    @Test
    void aTtlKeptWithoutDetailStillCountsButIsNotListed() {
        MxPropagationWait wait = MxPropagationWait.of(
                CHANGED,
                Duration.ofMinutes(1),
                List.of(CachedTtl.remembered(600, null), CachedTtl.remembered(0, "contoso.com MX: TTL 60 s")));

        assertThat(wait.waitFor()).isEqualTo(Duration.ofMinutes(10));
        assertThat(wait.ttlsText()).isEqualTo("contoso.com MX: TTL 60 s");
    }
}
