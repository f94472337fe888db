package io.mailferry.notify;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mailferry.notify.*}: {@code from} is the sender of every notice; when empty, user notices come from
 * {@code migration@<domain being migrated>} and operator notices from {@code mailferry@localhost}.
 * {@code sign-in-url} is where the welcome mail sends users. {@code after-cutover-relay} ({@code host[:port]}, optional)
 * carries mail to users once their mailboxes are in Microsoft 365, where the usual relay cannot route by MX (the demo).
 */
@ConfigurationProperties("mailferry.notify")
public record NotifyProperties(
        String from,
        @DefaultValue("https://outlook.office.com") String signInUrl,
        String afterCutoverRelay) {
    public NotifyProperties {
        if (signInUrl == null || signInUrl.isBlank()) {
            signInUrl = "https://outlook.office.com";
        }
        if (afterCutoverRelay != null && afterCutoverRelay.isBlank()) {
            afterCutoverRelay = null;
        }
    }

    String fromFor(String domain) {
        return from != null && !from.isBlank() ? from : "migration@" + domain;
    }

    String operatorFrom() {
        return from != null && !from.isBlank() ? from : "mailferry@localhost";
    }
}
