package io.mailferry.secrets;

import java.util.Locale;
import java.util.Objects;

/**
 * What a stored secret is for, and the only use it may be revealed for: signing in to one IMAP server, signing DNS
 * updates with one TSIG key, binding to one directory, or the Microsoft 365 tenant. A reference works like a bearer
 * token (anyone who can write a process variable can name it), so the secret it names goes nowhere else: a password
 * stored for {@code imap:mail.contoso.com:993} is never sent to another host.
 *
 * <p>Written and parsed as {@code kind:scope}: {@code imap:host[:port]} (without a port, any port of that host),
 * {@code tsig:key-name}, {@code directory:host}, {@code tenant:name.onmicrosoft.com}. Host and key names compare
 * without regard to case.
 */
public record Purpose(Kind kind, String scope) {
    /** A host name has at most 253 characters; with the kind and a port the text fits mf_secret.purpose (300). */
    private static final int MAX_SCOPE = 260;

    /** The kinds of use; the prefix is how the kind is written. */
    public enum Kind {
        IMAP("imap", "IMAP sign-in to"),
        TSIG("tsig", "DNS updates signed with TSIG key"),
        DIRECTORY("directory", "directory bind to"),
        TENANT("tenant", "Microsoft 365 tenant");

        private final String prefix;
        private final String described;

        Kind(String prefix, String described) {
            this.prefix = prefix;
            this.described = described;
        }
    }

    public Purpose {
        Objects.requireNonNull(kind, "kind");
        if (scope == null || scope.isBlank()) {
            throw new IllegalArgumentException("The purpose '" + kind.prefix + ":…' needs "
                    + (kind == Kind.IMAP ? "the server's host[:port]" : kind == Kind.TSIG ? "the key's name" : "a name")
                    + " after the colon");
        }
        scope = scope.trim().toLowerCase(Locale.ROOT);
        if (scope.length() > MAX_SCOPE || scope.chars().anyMatch(c -> Character.isWhitespace(c) || c < 0x20)) {
            throw new IllegalArgumentException("The purpose '" + kind.prefix
                    + ":…' must name one host or key without spaces, at most " + MAX_SCOPE + " characters");
        }
    }

    /** Signing in to the IMAP server at {@code host}, port {@code port}. */
    public static Purpose imapLogin(String host, int port) {
        return new Purpose(Kind.IMAP, hostAndPort(host, port));
    }

    /** Signing DNS updates with the TSIG key of this name (as the DNS server knows it; a trailing dot is ignored). */
    public static Purpose tsigKey(String keyName) {
        String name = keyName == null ? null : keyName.trim();
        if (name != null && name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return new Purpose(Kind.TSIG, name);
    }

    /** Binding to the directory server at {@code host}. */
    public static Purpose directoryBind(String host) {
        return new Purpose(Kind.DIRECTORY, host);
    }

    /** Acting on the Microsoft 365 tenant whose initial domain is {@code initialDomain}. */
    public static Purpose tenant(String initialDomain) {
        return new Purpose(Kind.TENANT, initialDomain);
    }

    /**
     * The purpose written as {@code kind:scope}, as an operator gives it when storing a secret.
     *
     * @throws IllegalArgumentException naming the kinds there are, when {@code text} is none of them
     */
    public static Purpose parse(String text) {
        String value = text == null ? "" : text.trim();
        int colon = value.indexOf(':');
        String prefix = colon < 0 ? value : value.substring(0, colon);
        for (Kind kind : Kind.values()) {
            if (kind.prefix.equalsIgnoreCase(prefix)) {
                String scope = colon < 0 ? null : value.substring(colon + 1);
                return kind == Kind.TSIG ? tsigKey(scope) : new Purpose(kind, scope);
            }
        }
        throw new IllegalArgumentException("Say what the secret is for: imap:host[:port] (a mail server's sign-in),"
                + " tsig:key-name (DNS updates), directory:host (the directory bind) or tenant:name.onmicrosoft.com");
    }

    /**
     * Whether a secret stored for this purpose may be revealed for {@code use}: the same kind and scope, where an
     * IMAP purpose without a port allows every port of its host.
     */
    public boolean allows(Purpose use) {
        if (use == null || kind != use.kind) {
            return false;
        }
        if (scope.equals(use.scope)) {
            return true;
        }
        return kind == Kind.IMAP && port(scope) == null && scope.equals(host(use.scope));
    }

    /** For messages: e.g. "IMAP sign-in to mail.contoso.com:993". */
    public String describe() {
        return kind.described + " " + scope;
    }

    /** {@code kind:scope}, as stored and parsed. */
    @Override
    public String toString() {
        return kind.prefix + ":" + scope;
    }

    private static String hostAndPort(String host, int port) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("An IMAP purpose needs the server's host");
        }
        String h = host.trim();
        return (h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h) + ":" + port;
    }

    /** The port of {@code host:port} or {@code [v6]:port}; null when there is none. */
    private static String port(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        boolean bracketed = hostAndPort.startsWith("[");
        if (colon < 0 || (bracketed && colon < hostAndPort.indexOf(']'))) {
            return null;
        }
        if (!bracketed && hostAndPort.indexOf(':') != colon) {
            return null; // a bare IPv6 address
        }
        String port = hostAndPort.substring(colon + 1);
        return !port.isEmpty() && port.chars().allMatch(Character::isDigit) ? port : null;
    }

    private static String host(String hostAndPort) {
        String port = port(hostAndPort);
        return port == null ? hostAndPort : hostAndPort.substring(0, hostAndPort.length() - port.length() - 1);
    }
}
