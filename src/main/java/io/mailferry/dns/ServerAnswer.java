package io.mailferry.dns;

/**
 * What one server said during a propagation check.
 *
 * @param server {@code host:port} that was asked
 * @param detail what it answered, or why there is no answer, e.g. {@code ns1.contoso.com: MX 10 mail.contoso.com
 *               (TTL 3600)} or {@code resolver: timed out after 5s}
 */
public record ServerAnswer(String server, Status status, String detail) {

    public enum Status {
        /** The server gives the expected data. */
        MATCHES,
        /** The server answered, with other data, no data or NXDOMAIN: it has not caught up (or was not changed). */
        DIFFERS,
        /** No usable answer: timeout, unreachable, SERVFAIL, REFUSED. Says nothing about the record. */
        NO_ANSWER
    }

    public String line() {
        return server + " " + status + ": " + detail;
    }
}
