package io.mailferry.dns;

/** One MX record as read: lower priority values are preferred; {@code host} has no trailing dot. */
public record MxRecord(int priority, String host, long ttl) {
    @Override
    public String toString() {
        return priority + " " + host;
    }
}
