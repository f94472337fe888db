package io.mailferry.cutover;

import io.mailferry.dns.DnsChangeService;
import io.mailferry.dns.DnsLookupService;
import io.mailferry.dns.DnsRecord;
import io.mailferry.dns.MxRecord;
import io.mailferry.process.Variables;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Seed "Reduce email delays": reads the MX records as they are before the switch, their TTL from the zone's servers.
 * A TTL above an hour means resolvers may keep the old MX that long after the change, so the operator is offered to
 * lower it first.
 */
@Component("inspectCurrentMxDelegate")
class InspectCurrentMxDelegate implements JavaDelegate {
    static final long HOUR = 3600;

    private final DnsLookupService dns;
    private final DnsChangeService dnsChanges;

    InspectCurrentMxDelegate(DnsLookupService dns, DnsChangeService dnsChanges) {
        this.dns = dns;
        this.dnsChanges = dnsChanges;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String domain = Variables.string(execution, "domain");
        List<MxRecord> mx = dns.mx(domain);
        // From the zone's servers: a resolver's TTL counts down from the real one and would cut the wait short.
        long ttl = dns.ttlBeforeChange(domain, "MX").seconds();
        execution.setVariable("mxTtl", ttl);
        execution.setVariable("mxTtlText", Variables.human(Duration.ofSeconds(ttl)));
        execution.setVariable("mxTtlAboveHour", ttl > HOUR);
        execution.setVariable("currentMxHost", mx.isEmpty() ? domain : mx.get(0).host());
        execution.setVariable("currentMxState", mx.isEmpty() ? domain + ": no MX record"
                : mx.stream().map(m -> new DnsRecord(domain + ".", "MX", ttl, m.priority() + " " + m.host() + ".").zoneFileLine())
                        .collect(Collectors.joining("\n")));
        execution.setVariable("mxRecordsAtHourTtl", mx.stream()
                .map(m -> new DnsRecord(domain + ".", "MX", Math.min(ttl, HOUR), m.priority() + " " + m.host() + ".").zoneFileLine())
                .collect(Collectors.joining("\n")));
        execution.setVariable("ttlReduction", dnsChanges.automaticChangesAvailable() ? "automatic" : "byOperator");
    }
}
