package io.mailferry.mailrouting;

import static io.mailferry.mailrouting.SwitchMailRoutingIds.ERR_DNS_CHANGE_FAILED;

import io.mailferry.dns.DnsChangeService;
import io.mailferry.dns.MicrosoftRecords;
import io.mailferry.process.DnsChangeOrigins;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The switch's Autodiscover change: {@code autodiscover.<domain>} becomes a CNAME to Microsoft 365's. It fails where
 * the name has other records, typically the on-premises Autodiscover A record.
 */
@Component("pointAutodiscoverAtMicrosoftDelegate")
class PointAutodiscoverAtMicrosoftDelegate implements JavaDelegate {
    private final DnsChangeService dnsChanges;
    private final RoutingRecords records;

    PointAutodiscoverAtMicrosoftDelegate(DnsChangeService dnsChanges, RoutingRecords records) {
        this.dnsChanges = dnsChanges;
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String name = MicrosoftRecords.autodiscover(records.domain(execution)).name();
        DnsSwitchChanges.orOperatorDecides(
                ERR_DNS_CHANGE_FAILED,
                () -> dnsChanges
                        .madeBy(DnsChangeOrigins.of(execution))
                        .setCname(name, MicrosoftRecords.AUTODISCOVER_TARGET, MicrosoftRecords.TTL));
    }
}
