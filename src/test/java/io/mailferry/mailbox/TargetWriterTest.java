package io.mailferry.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TargetWriterTest {

    @Test
    void exchangeOnlineThrottlingReplyYieldsItsSuggestedBackoff() {
        assertThat(TargetWriter.suggestedBackoff("Server Unavailable. 15. Request is throttled. "
                        + "Suggested Backoff Time: 48512 milliseconds"))
                .isEqualTo(48_512L);
        assertThat(TargetWriter.suggestedBackoff("Request is throttled. Suggested Backoff Time: 2 seconds"))
                .isEqualTo(2_000L);
    }

    @Test
    void anAbsurdBackoffIsCappedAndAnOrdinaryRefusalIsNoThrottling() {
        assertThat(TargetWriter.suggestedBackoff("Suggested Backoff Time: 999999999 milliseconds"))
                .isEqualTo(5 * 60 * 1000L);
        assertThat(TargetWriter.suggestedBackoff("APPEND failed: message too large"))
                .isNull();
        assertThat(TargetWriter.suggestedBackoff(null)).isNull();
    }
}
