package io.mailferry.dns;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * What the MX switch starts from: the MX records and their TTL before the TTL is lowered ({@link #inspect}), and
 * the records to set with everything the propagation wait needs to know ({@link #plan}). Reads only; the changes
 * themselves are {@link DnsChangeService}'s.
 */
@Service
public class MxSwitchPlanner {
    private final DnsLookupService dns;
    private final DnsChangeService changes;

    public MxSwitchPlanner(DnsLookupService dns, DnsChangeService changes) {
        this.dns = dns;
        this.changes = changes;
    }

    /** Seed "Reduce email delays": the MX records of {@code domain} now, and whether their TTL is too long. */
    public MxInspection inspect(String domain) {
        List<MxRecord> mx = dns.mx(domain);
        // From the zone's servers: a resolver's TTL counts down from the real one and would cut the wait short.
        long ttl = dns.ttlBeforeChange(domain, "MX").seconds();
        long recommended = Math.min(ttl, MicrosoftRecords.RECOMMENDED_MX_TTL);
        return new MxInspection(
                ttl,
                HumanText.duration(Duration.ofSeconds(ttl)),
                ttl > MicrosoftRecords.RECOMMENDED_MX_TTL,
                mx.isEmpty() ? domain : mx.get(0).host(),
                mx.isEmpty() ? domain + ": no MX record" : zoneFileLines(domain, mx, ttl),
                zoneFileLines(domain, mx, recommended),
                changes.automaticChangesAvailable());
    }

    /** {@link #plan(String, String)} with Microsoft's usual MX host for the domain. */
    public MxSwitchPlan plan(String domain) {
        return plan(domain, MicrosoftRecords.mxHost(domain));
    }

    /**
     * Seed step 5: the records to set for {@code domain} with its MX pointing at {@code mxHost} (the tenant's answer),
     * what DNS answers now, and the TTLs before the change.
     */
    public MxSwitchPlan plan(String domain, String mxHost) {
        String autodiscoverName = "autodiscover." + domain;
        List<MxRecord> current = dns.mx(domain);
        String mx = current.stream()
                .map(m -> "MX " + m.priority() + " " + m.host() + ". (TTL " + m.ttl() + " s)")
                .collect(Collectors.joining("\n"));
        String autodiscover = dns.cname(autodiscoverName)
                .map(t -> autodiscoverName + ". CNAME " + t + ".")
                .orElse(autodiscoverName + ": no CNAME");
        CachedTtl mxTtl = dns.ttlBeforeChange(domain, "MX");
        // An Autodiscover name that did not exist is cached as NXDOMAIN: its TTL is the SOA's negative-caching TTL.
        CachedTtl autodiscoverTtl = dns.ttlBeforeChange(autodiscoverName, "CNAME", "A");
        CachedTtl txtTtl = dns.ttlBeforeChange(domain, "TXT");
        SpfRecord spf = dns.spf(domain, MicrosoftRecords.SPF_INCLUDE_DOMAIN);
        // The SPF lines keep the TTL the TXT records have: an RRset has one TTL, and the change keeps it.
        String before = spf.current() == null
                ? null
                : DnsRecord.txt(domain, txtTtl.seconds(), spf.current()).zoneFileLine();
        String after = spf.state() == SpfRecord.State.ADD_INCLUDE
                ? DnsRecord.txt(domain, txtTtl.seconds(), spf.proposed()).zoneFileLine()
                : null;
        return new MxSwitchPlan(
                MicrosoftRecords.mx(domain, mxHost).zoneFileLine(),
                mxHost,
                MicrosoftRecords.autodiscover(domain).zoneFileLine(),
                (mx.isEmpty() ? domain + ": no MX" : mx) + "\n" + autodiscover,
                mxTtl,
                autodiscoverTtl,
                txtTtl,
                spf,
                before,
                after);
    }

    /** e.g. {@code contoso.com. 3600 IN MX 10 mail.contoso.com.}, one a line, all with {@code ttl}. */
    private static String zoneFileLines(String domain, List<MxRecord> mx, long ttl) {
        String owner = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        return mx.stream()
                .map(m -> new DnsRecord(owner, "MX", ttl, m.priority() + " " + m.host() + ".").zoneFileLine())
                .collect(Collectors.joining("\n"));
    }
}
