package io.mailferry.cutover;

import io.mailferry.dns.DnsLookupService;
import io.mailferry.dns.MicrosoftRecords;
import io.mailferry.dns.MxRecord;
import io.mailferry.process.Variables;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Seed step 5: the exact records to set, and what DNS answers now, for the operator's form. */
@Component("prepareDnsRecordsDelegate")
class PrepareDnsRecordsDelegate implements JavaDelegate {
    private final DnsLookupService dns;

    PrepareDnsRecordsDelegate(DnsLookupService dns) {
        this.dns = dns;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String domain = Variables.string(execution, "domain");
        execution.setVariable("mxRecord", MicrosoftRecords.mx(domain).zoneFileLine());
        execution.setVariable("mxTargetHost", MicrosoftRecords.mxHost(domain));
        execution.setVariable("autodiscoverRecord", MicrosoftRecords.autodiscover(domain).zoneFileLine());
        java.util.List<MxRecord> current = dns.mx(domain);
        execution.setVariable("mxTtlBeforeChange", current.stream().mapToLong(MxRecord::ttl).max().orElse(0));
        String mx = current.stream().map(PrepareDnsRecordsDelegate::line).collect(Collectors.joining("\n"));
        String autodiscover = dns.cname("autodiscover." + domain).map(t -> "autodiscover." + domain + ". CNAME " + t + ".")
                .orElse("autodiscover." + domain + ": no CNAME");
        execution.setVariable("currentDnsState", (mx.isEmpty() ? domain + ": no MX" : mx) + "\n" + autodiscover);
    }

    private static String line(MxRecord mx) {
        return "MX " + mx.priority() + " " + mx.host() + ". (TTL " + mx.ttl() + " s)";
    }
}
