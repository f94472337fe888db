package io.mailferry.cutover;

import io.mailferry.dns.DnsChangeService;
import io.mailferry.dns.MicrosoftRecords;
import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Seed step 5, when the operator asked for it: MX and Autodiscover changed by RFC 2136 update (compare-and-set), and
 * the SPF include added when chosen. The SPF change comes first: it is harmless before the switch, and when it is
 * refused nothing else has changed yet.
 */
@Component("applyDnsChangesDelegate")
class ApplyDnsChangesDelegate implements JavaDelegate {
    private final DnsChangeService dnsChanges;

    ApplyDnsChangesDelegate(DnsChangeService dnsChanges) {
        this.dnsChanges = dnsChanges;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String domain = Variables.string(execution, "domain");
        if (NewRecordsCheck.spfChosen(execution)) {
            dnsChanges.addSpfInclude(domain, MicrosoftRecords.SPF_INCLUDE_DOMAIN);
        }
        dnsChanges.replaceMx(domain, Variables.string(execution, "mxTargetHost"), 0, MicrosoftRecords.TTL);
        dnsChanges.setCname("autodiscover." + domain, MicrosoftRecords.AUTODISCOVER_TARGET, MicrosoftRecords.TTL);
    }
}
