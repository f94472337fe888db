package io.mailferry.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A server that echoes what it was sent must not put the password into an operator's message. */
class ImapFailuresTest {
    @Test
    void removesAnEchoedPasswordFromTheMessage() {
        String redacted = ImapFailures.redact(
                "NO [AUTHENTICATIONFAILED] LOGIN user01@contoso.com Winter2026! rejected", "Winter2026!".toCharArray());

        assertThat(redacted)
                .doesNotContain("Winter2026!")
                .contains("user01@contoso.com")
                .contains("******");
    }

    @Test
    void leavesMessagesAloneWhenThereIsNothingToHide() {
        assertThat(ImapFailures.redact("NO login refused", "Winter2026!".toCharArray()))
                .isEqualTo("NO login refused");
        assertThat(ImapFailures.redact(null, "Winter2026!".toCharArray())).isNull();
    }
}
