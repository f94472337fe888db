package io.mailferry.mailbox;

/** Where an IMAP server listens and how the connection is protected. */
public record ImapServer(String host, int port, ImapSecurity security) {
    public ImapServer {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("IMAP host must not be empty");
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
