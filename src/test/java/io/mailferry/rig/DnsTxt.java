package io.mailferry.rig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * The TXT records at a name as one DNS server answers, without a cache: how the Graph stand-in sees a domain's
 * verification record, as Microsoft looks it up in public DNS (here BIND9, or the demo's zone).
 */
public final class DnsTxt implements Function<String, List<String>> {
    private final String host;
    private final int port;

    /** @param server {@code host:port} */
    public DnsTxt(String server) {
        int colon = server.lastIndexOf(':');
        this.host = server.substring(0, colon);
        this.port = Integer.parseInt(server.substring(colon + 1));
    }

    @Override
    public List<String> apply(String name) {
        List<String> found = new ArrayList<>();
        for (Record record : lookup(name, Type.TXT)) {
            found.add(String.join("", ((TXTRecord) record).getStrings()));
        }
        return found;
    }

    /** The records of {@code type} at {@code name}; none when the name or type has none. */
    public List<Record> lookup(String name, int type) {
        try {
            SimpleResolver resolver = new SimpleResolver(host);
            resolver.setPort(port);
            resolver.setTimeout(Duration.ofSeconds(3));
            Lookup lookup = new Lookup(name, type);
            lookup.setResolver(resolver);
            lookup.setCache(null);
            Record[] records = lookup.run();
            return records == null ? List.of() : List.of(records);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
