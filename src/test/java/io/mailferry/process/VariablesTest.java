package io.mailferry.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VariablesTest {
    @Test
    void durationsReadInTheLargestWholeUnit() {
        assertThat(Variables.human(Duration.ofHours(72))).isEqualTo("3 days");
        assertThat(Variables.human(Duration.ofDays(1))).isEqualTo("1 day");
        assertThat(Variables.human(Duration.ofSeconds(3600))).isEqualTo("1 hour");
        assertThat(Variables.human(Duration.ofMinutes(90))).isEqualTo("90 minutes");
        assertThat(Variables.human(Duration.ofSeconds(5))).isEqualTo("5 seconds");
    }

    @Test
    void instantsReadInUtcToTheMinute() {
        assertThat(Variables.human(Instant.parse("2026-11-21T04:07:59Z"))).isEqualTo("2026-11-21 04:07 UTC");
    }
}
