package io.mailferry.notify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mailferry.notify.*}: {@code from} is the sender of every notice; when empty, user notices come from
 * {@code migration@<domain being migrated>} and operator notices from {@code mailferry@localhost}.
 * {@code sign-in-url} is where the welcome mail sends users. {@code after-cutover-relay} ({@code host[:port]}, optional)
 * carries mail to users once their mailboxes are in Microsoft 365, where the usual relay cannot route by MX (the demo);
 * it must offer STARTTLS unless {@code after-cutover-relay-allow-plaintext} is true. ({@code allow-plaintext} accepts
 * {@code spring.mail} without TLS; the start-up check reads it, see {@code DeploymentProfileCheck}.)
 * {@code smtp-timeout} bounds connecting to, reading from and writing to either relay (default 30 s), so a silent
 * server fails the sending job instead of holding an engine thread past its lock; it also sets how long a claimed
 * notice counts as being sent ({@link #claimExpiry()}).
 */
@ConfigurationProperties("mailferry.notify")
public record NotifyProperties(
        String from,
        @DefaultValue("https://outlook.office.com") String signInUrl,
        String afterCutoverRelay,
        @DefaultValue("30s") Duration smtpTimeout,
        boolean afterCutoverRelayAllowPlaintext) {
    private static final Duration MIN_CLAIM_EXPIRY = Duration.ofMinutes(10);

    public NotifyProperties {
        if (signInUrl == null || signInUrl.isBlank()) {
            signInUrl = "https://outlook.office.com";
        }
        if (afterCutoverRelay != null && afterCutoverRelay.isBlank()) {
            afterCutoverRelay = null;
        }
        if (smtpTimeout == null) {
            smtpTimeout = Duration.ofSeconds(30);
        }
        if (smtpTimeout.isNegative() || smtpTimeout.isZero()) {
            throw new IllegalArgumentException("mailferry.notify.smtp-timeout must be positive, not " + smtpTimeout
                    + ": without it a silent" + " SMTP server blocks a sending job for ever");
        }
    }

    /**
     * How long a run's claim on a notice keeps other runs from sending it. Sending one message takes at most about
     * ten SMTP timeouts (connecting and each reply of the dialogue), so an older claim belongs to a run whose node
     * died; never less than 10 minutes, to leave a slow relay room.
     */
    Duration claimExpiry() {
        Duration tenSteps = smtpTimeout.multipliedBy(10);
        return tenSteps.compareTo(MIN_CLAIM_EXPIRY) > 0 ? tenSteps : MIN_CLAIM_EXPIRY;
    }

    String fromFor(String domain) {
        return from != null && !from.isBlank() ? from : "migration@" + domain;
    }

    String operatorFrom() {
        return from != null && !from.isBlank() ? from : "mailferry@localhost";
    }
}
