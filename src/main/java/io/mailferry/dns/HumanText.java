package io.mailferry.dns;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times and durations as the operator's forms show them: {@code 2026-03-14 02:00 UTC}, {@code 3 days}. Here, on the
 * services' side, because the DNS services build form text too and run in the command line tool without the engine;
 * {@code io.mailferry.process.Variables} uses the same wording through this class.
 */
public final class HumanText {
    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private HumanText() {}

    public static String instant(Instant instant) {
        return INSTANT.format(instant);
    }

    /** "3 days", "1 hour", "15 minutes", "45 seconds": in the largest unit that divides it. */
    public static String duration(Duration duration) {
        if (duration.toDays() > 0 && duration.toHours() % 24 == 0) {
            return plural(duration.toDays(), "day");
        }
        if (duration.toHours() > 0 && duration.toMinutes() % 60 == 0) {
            return plural(duration.toHours(), "hour");
        }
        if (duration.toMinutes() > 0 && duration.toSeconds() % 60 == 0) {
            return plural(duration.toMinutes(), "minute");
        }
        return plural(duration.toSeconds(), "second");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
