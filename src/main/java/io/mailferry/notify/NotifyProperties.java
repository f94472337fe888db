package io.mailferry.notify;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mailferry.notify.*}: {@code from} is the sender of every notice; when empty, user notices come from
 * {@code migration@<domain being migrated>} and operator notices from {@code mailferry@localhost}.
 * {@code sign-in-url} is where the welcome mail sends users.
 */
@ConfigurationProperties("mailferry.notify")
public record NotifyProperties(String from, @DefaultValue("https://outlook.office.com") String signInUrl) {
    public NotifyProperties {
        if (signInUrl == null || signInUrl.isBlank()) {
            signInUrl = "https://outlook.office.com";
        }
    }

    String fromFor(String domain) {
        return from != null && !from.isBlank() ? from : "migration@" + domain;
    }

    String operatorFrom() {
        return from != null && !from.isBlank() ? from : "mailferry@localhost";
    }
}
