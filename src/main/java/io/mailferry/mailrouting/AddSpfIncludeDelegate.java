package io.mailferry.mailrouting;

import static io.mailferry.mailrouting.SwitchMailRoutingIds.ERR_DNS_CHANGE_FAILED;

import io.mailferry.dns.DnsChangeService;
import io.mailferry.dns.MicrosoftRecords;
import io.mailferry.process.DnsChangeOrigins;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The switch's first change, when the operator chose it: Microsoft 365's include in the SPF record (compare-and-set).
 * It goes first because it is harmless before the MX points at Microsoft 365, and when it is refused nothing else
 * has changed yet.
 */
@Component("addSpfIncludeDelegate")
class AddSpfIncludeDelegate implements JavaDelegate {
    private final DnsChangeService dnsChanges;
    private final RoutingRecords records;

    AddSpfIncludeDelegate(DnsChangeService dnsChanges, RoutingRecords records) {
        this.dnsChanges = dnsChanges;
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String domain = records.domain(execution);
        DnsSwitchChanges.orOperatorDecides(
                ERR_DNS_CHANGE_FAILED,
                () -> dnsChanges
                        .madeBy(DnsChangeOrigins.of(execution))
                        .addSpfInclude(domain, MicrosoftRecords.SPF_INCLUDE_DOMAIN));
    }
}
