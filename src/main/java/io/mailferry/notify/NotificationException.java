package io.mailferry.notify;

import java.util.List;

/** Some notices could not be handed to the SMTP server; {@link #sent()} lists those that were. */
public class NotificationException extends RuntimeException {
    private final List<String> sent;

    public NotificationException(String message, List<String> sent, Throwable cause) {
        super(message, cause);
        this.sent = List.copyOf(sent);
    }

    public List<String> sent() {
        return sent;
    }
}
