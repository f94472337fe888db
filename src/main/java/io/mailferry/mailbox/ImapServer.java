package io.mailferry.mailbox;

import io.mailferry.text.Fit;

/** Where an IMAP server listens and how the connection is protected. */
public record ImapServer(String host, int port, ImapSecurity security) {
    /** A DNS name has at most 253 characters (and the endpoint table keeps 255). */
    static final int MAX_HOST = 253;

    public ImapServer {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("IMAP host must not be empty");
        }
        if (host.trim().length() > MAX_HOST) {
            throw new IllegalArgumentException("IMAP host '" + Fit.cut(host.trim(), 80) + "' is longer than the "
                    + MAX_HOST + " characters of a host name");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("IMAP port " + port + " is not a TCP port (1-65535)");
        }
        if (security == null) {
            throw new IllegalArgumentException("IMAP security (NONE, STARTTLS or TLS) must be given");
        }
        host = host.trim();
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
