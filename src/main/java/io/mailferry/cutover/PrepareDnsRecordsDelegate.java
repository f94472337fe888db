package io.mailferry.cutover;

import io.mailferry.dns.CachedTtl;
import io.mailferry.dns.DnsLookupService;
import io.mailferry.dns.DnsRecord;
import io.mailferry.dns.MicrosoftRecords;
import io.mailferry.dns.MxRecord;
import io.mailferry.dns.SpfRecord;
import io.mailferry.process.Variables;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Seed step 5: the exact records to set, what DNS answers now, and what resolvers may keep after the change (the
 * TTLs before it, read from the zone's servers before the operator or Mailferry changes anything), for the operator's
 * form and the propagation wait. Offers the SPF include only where adding it to the one SPF record is all it takes.
 */
@Component("prepareDnsRecordsDelegate")
class PrepareDnsRecordsDelegate implements JavaDelegate {
    private final DnsLookupService dns;

    PrepareDnsRecordsDelegate(DnsLookupService dns) {
        this.dns = dns;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String domain = Variables.string(execution, "domain");
        String autodiscoverName = "autodiscover." + domain;
        execution.setVariable("mxRecord", MicrosoftRecords.mx(domain).zoneFileLine());
        execution.setVariable("mxTargetHost", MicrosoftRecords.mxHost(domain));
        execution.setVariable("autodiscoverRecord", MicrosoftRecords.autodiscover(domain).zoneFileLine());
        List<MxRecord> current = dns.mx(domain);
        String mx = current.stream().map(PrepareDnsRecordsDelegate::line).collect(Collectors.joining("\n"));
        String autodiscover = dns.cname(autodiscoverName).map(t -> autodiscoverName + ". CNAME " + t + ".")
                .orElse(autodiscoverName + ": no CNAME");
        execution.setVariable("currentDnsState", (mx.isEmpty() ? domain + ": no MX" : mx) + "\n" + autodiscover);

        // An autodiscover name that did not exist is cached as NXDOMAIN: its TTL is the SOA's negative-caching TTL.
        remember(execution, "mx", dns.ttlBeforeChange(domain, "MX"));
        remember(execution, "autodiscover", dns.ttlBeforeChange(autodiscoverName, "CNAME", "A"));
        CachedTtl txt = dns.ttlBeforeChange(domain, "TXT");
        remember(execution, "spf", txt);

        SpfRecord spf = dns.spf(domain, MicrosoftRecords.SPF_INCLUDE_DOMAIN);
        boolean offered = spf.state() == SpfRecord.State.ADD_INCLUDE;
        execution.setVariable("spfIncludeOffered", offered);
        execution.setVariable("spfStatus", spf.detail());
        execution.setVariable("spfRecordBefore", spf.current() == null ? null
                : DnsRecord.txt(domain, txt.seconds(), spf.current()).zoneFileLine());
        execution.setVariable("spfRecordAfter", offered ? DnsRecord.txt(domain, txt.seconds(), spf.proposed()).zoneFileLine() : null);
        if (offered) {
            Variables.setDefault(execution, "changeSpf", false);
        } else {
            execution.setVariable("changeSpf", false);
        }
    }

    /** {@code <record>TtlBeforeChange} in seconds and its explanation, for {@link RecordMxChangeDelegate}. */
    private static void remember(DelegateExecution execution, String record, CachedTtl ttl) {
        execution.setVariable(record + "TtlBeforeChange", ttl.seconds());
        execution.setVariable(record + "TtlBeforeChangeText", ttl.detail());
    }

    private static String line(MxRecord mx) {
        return "MX " + mx.priority() + " " + mx.host() + ". (TTL " + mx.ttl() + " s)";
    }
}
