package io.mailferry.dns;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** Parsing and printing of {@code host[:port]} and of DNS names the way operators write them. */
final class ServerAddresses {
    private ServerAddresses() {}

    /** {@code host}, {@code host:port}, {@code [v6]:port} or a bare IPv6 address. */
    static InetSocketAddress parse(String hostAndPort, int defaultPort, String property) {
        String text = hostAndPort.trim();
        String host = text;
        int port = defaultPort;
        if (text.startsWith("[") && text.contains("]")) {
            host = text.substring(1, text.indexOf(']'));
            String rest = text.substring(text.indexOf(']') + 1);
            port = rest.startsWith(":") ? port(rest.substring(1), text, property) : defaultPort;
        } else if (text.indexOf(':') > 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            host = text.substring(0, text.indexOf(':'));
            port = port(text.substring(text.indexOf(':') + 1), text, property);
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException(property + ": cannot resolve host '" + host + "'");
        }
        return address;
    }

    private static int port(String port, String text, String property) {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(property + ": '" + text + "' is not host[:port]");
        }
    }

    /** {@code 127.0.0.1:53} or {@code [::1]:53}. */
    static String print(InetSocketAddress address) {
        String host = address.getAddress() == null
                ? address.getHostString()
                : address.getAddress().getHostAddress();
        return (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    static Name absolute(String name) {
        String text = name.trim();
        try {
            return Name.fromString(text.endsWith(".") ? text : text + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("'" + name + "' is not a valid DNS name: " + e.getMessage());
        }
    }

    /** {@code contoso.com}: no trailing dot, lower case, as Mailferry shows and compares names. */
    static String bare(Name name) {
        return name.toString(true).toLowerCase(Locale.ROOT);
    }

    static String bare(String name) {
        String text = name.trim().toLowerCase(Locale.ROOT);
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
