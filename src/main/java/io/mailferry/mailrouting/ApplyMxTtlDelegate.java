package io.mailferry.mailrouting;

import io.mailferry.dns.DnsChangeService;
import io.mailferry.dns.MicrosoftRecords;
import io.mailferry.process.DnsChangeOrigins;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Lowers the MX TTL to an hour by RFC 2136 update (compare-and-set), when the operator asked Mailferry to. */
@Component("applyMxTtlDelegate")
class ApplyMxTtlDelegate implements JavaDelegate {
    private final DnsChangeService dnsChanges;
    private final RoutingRecords records;

    ApplyMxTtlDelegate(DnsChangeService dnsChanges, RoutingRecords records) {
        this.dnsChanges = dnsChanges;
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        dnsChanges
                .madeBy(DnsChangeOrigins.of(execution))
                .lowerMxTtl(records.domain(execution), MicrosoftRecords.RECOMMENDED_MX_TTL);
    }
}
