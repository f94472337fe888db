package io.mailferry.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The wording the forms already show (io.mailferry.process.Variables), kept in the DNS package. */
class HumanTextTest {
    @Test
    void durationsInTheLargestUnitThatDividesThem() {
        assertThat(HumanText.duration(Duration.ofHours(72))).isEqualTo("3 days");
        assertThat(HumanText.duration(Duration.ofHours(1))).isEqualTo("1 hour");
        assertThat(HumanText.duration(Duration.ofHours(36))).isEqualTo("36 hours");
        assertThat(HumanText.duration(Duration.ofMinutes(90))).isEqualTo("90 minutes");
        assertThat(HumanText.duration(Duration.ofSeconds(61))).isEqualTo("61 seconds");
        assertThat(HumanText.duration(Duration.ofSeconds(1))).isEqualTo("1 second");
    }

    @Test
    void instantsInUtcToTheMinute() {
        assertThat(HumanText.instant(Instant.parse("2026-03-14T02:00:59Z"))).isEqualTo("2026-03-14 02:00 UTC");
    }
}
