package io.mailferry.dns;

import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * How long a resolver may keep what it was told about a name just before a change: the TTL of the records it got,
 * or, when there were none, the zone's negative-caching TTL, min(SOA TTL, SOA MINIMUM) (RFC 2308 §5). Until that
 * time has passed after the change, some resolvers may still answer with the old state.
 *
 * @param name    e.g. {@code autodiscover.contoso.com}
 * @param seconds how long the old answer may be cached
 * @param existed false when the old answer was NXDOMAIN or NODATA, so {@code seconds} is the negative-caching TTL
 * @param detail  for the operator, e.g. {@code autodiscover.contoso.com did not exist (NXDOMAIN); negative answers
 *                are cached for 300 s (SOA)}
 */
public record CachedTtl(String name, long seconds, boolean existed, String detail) {
    // How of() says a name or type was absent; remembered() reads it back from the detail.
    private static final String NXDOMAIN = " did not exist (NXDOMAIN)";
    private static final String NODATA = " had no ";

    /**
     * A TTL read before a change and kept only as its seconds and {@link #detail()} (the process keeps
     * {@code <record>TtlBeforeChange} and {@code …Text}), for the propagation wait after the change. The name and
     * whether it existed are read back from the detail, which starts with the name; so a TTL from {@link #of}
     * comes back equal. Without a detail only the seconds are known: the name is null.
     */
    public static CachedTtl remembered(long seconds, String detail) {
        if (detail == null) {
            return new CachedTtl(null, seconds, true, null);
        }
        int space = detail.indexOf(' ');
        String name = space < 0 ? detail : detail.substring(0, space);
        boolean absent = detail.startsWith(name + NXDOMAIN) || detail.startsWith(name + NODATA);
        return new CachedTtl(name, seconds, !absent, detail);
    }

    /** What the authoritative {@code answer} to {@code type} at {@code name} lets resolvers cache. */
    static CachedTtl of(DnsClient.Answer answer, Name name, String type) {
        String bare = ServerAddresses.bare(name);
        // Records owned by the name itself: asked for A, a CNAME there is what resolvers keep under the name.
        List<Record> owned = answer.response().getSection(Section.ANSWER).stream()
                .filter(r -> r.getName().equals(name))
                .toList();
        if (!owned.isEmpty()) {
            Record longest = owned.stream()
                    .max((a, b) -> Long.compare(a.getTTL(), b.getTTL()))
                    .orElseThrow();
            return new CachedTtl(
                    bare,
                    longest.getTTL(),
                    true,
                    bare + " " + Type.string(longest.getType()) + ": TTL " + longest.getTTL() + " s");
        }
        String absent = answer.rcode() == Rcode.NXDOMAIN ? bare + NXDOMAIN : bare + NODATA + type + " record";
        SOARecord soa = answer.response().getSection(Section.AUTHORITY).stream()
                .filter(r -> r instanceof SOARecord)
                .map(r -> (SOARecord) r)
                .findFirst()
                .orElse(null);
        if (soa == null) {
            // RFC 2308 §5: a negative answer without SOA must not be cached.
            return new CachedTtl(bare, 0, false, absent + "; the answer carried no SOA, so it is not cached");
        }
        long negative = Math.min(soa.getTTL(), soa.getMinimum());
        return new CachedTtl(
                bare,
                negative,
                false,
                absent + "; negative answers are cached for " + negative + " s (SOA of "
                        + ServerAddresses.bare(soa.getName()) + ")");
    }
}
