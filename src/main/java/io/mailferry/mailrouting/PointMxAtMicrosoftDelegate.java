package io.mailferry.mailrouting;

import static io.mailferry.mailrouting.SwitchMailRoutingIds.ERR_DNS_CHANGE_FAILED;

import io.mailferry.dns.DnsChangeService;
import io.mailferry.dns.MicrosoftRecords;
import io.mailferry.process.DnsChangeOrigins;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The switch's MX change: one MX record, Microsoft 365's, by compare-and-set on the records read just before. Domain
 * and host are worked out here ({@link RoutingRecords}), never taken from a variable a completion could have set.
 */
@Component("pointMxAtMicrosoftDelegate")
class PointMxAtMicrosoftDelegate implements JavaDelegate {
    private final DnsChangeService dnsChanges;
    private final RoutingRecords records;

    PointMxAtMicrosoftDelegate(DnsChangeService dnsChanges, RoutingRecords records) {
        this.dnsChanges = dnsChanges;
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String domain = records.domain(execution);
        String host = records.mxHost(domain);
        DnsSwitchChanges.orOperatorDecides(
                ERR_DNS_CHANGE_FAILED,
                () -> dnsChanges
                        .madeBy(DnsChangeOrigins.of(execution))
                        .replaceMx(domain, host, 0, MicrosoftRecords.TTL));
    }
}
