package io.mailferry.tenant;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * TXT lookups with dnsjava against the given resolvers ({@code host[:port]}), or the system's when none are given.
 * Every lookup starts with an empty cache: a record published a minute ago must be seen at the next recheck.
 */
public class DnsjavaTxtLookup implements TxtLookup {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Resolver resolver;
    private final String description;

    public DnsjavaTxtLookup(List<String> resolvers) {
        this.resolver = resolvers == null || resolvers.isEmpty() ? null : resolver(resolvers);
        this.description = resolver == null ? "the system resolver" : "resolver(s) " + resolvers;
    }

    @Override
    public List<String> txt(String name) {
        Lookup lookup;
        try {
            lookup = new Lookup(Name.fromString(name, Name.root), Type.TXT);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("'" + name + "' is not a valid DNS name");
        }
        lookup.setCache(null);
        if (resolver != null) {
            lookup.setResolver(resolver);
        }
        Record[] records = lookup.run();
        switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL:
                List<String> values = new ArrayList<>();
                for (Record record : records) {
                    values.add(String.join("", ((TXTRecord) record).getStrings()));
                }
                return values;
            case Lookup.HOST_NOT_FOUND, Lookup.TYPE_NOT_FOUND:
                return List.of();
            default:
                throw new IllegalStateException("TXT lookup of " + name + " via " + description + " failed: "
                        + lookup.getErrorString());
        }
    }

    private static Resolver resolver(List<String> hosts) {
        List<Resolver> resolvers = new ArrayList<>();
        for (String hostPort : hosts) {
            String host = hostPort.trim();
            int port = 53;
            int colon = host.lastIndexOf(':');
            // a bare IPv6 address has colons too; only host:port or [v6]:port carry a port
            if (colon > 0 && (host.indexOf(':') == colon || host.startsWith("["))) {
                port = Integer.parseInt(host.substring(colon + 1));
                host = host.substring(0, colon).replace("[", "").replace("]", "");
            }
            try {
                SimpleResolver simple = new SimpleResolver(host);
                simple.setPort(port);
                simple.setTimeout(TIMEOUT);
                resolvers.add(simple);
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException("mailferry.dns.resolvers: unknown host " + host);
            }
        }
        ExtendedResolver extended = new ExtendedResolver(resolvers);
        extended.setTimeout(TIMEOUT);
        return extended;
    }
}
