package io.mailferry.mailrouting;

import static io.mailferry.mailrouting.MailRoutingVariables.MX_TARGET_HOST;
import static io.mailferry.process.MigrationVariables.DOMAIN;

import io.mailferry.dns.DnsChangeService;
import io.mailferry.dns.MicrosoftRecords;
import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * MX and Autodiscover changed by RFC 2136 update (compare-and-set), and the SPF include added when chosen, when the
 * operator asked for it. The SPF change comes first: it is harmless before the switch, and when it is refused nothing
 * else has changed yet.
 */
@Component("applyDnsChangesDelegate")
class ApplyDnsChangesDelegate implements JavaDelegate {
    private final DnsChangeService dnsChanges;

    ApplyDnsChangesDelegate(DnsChangeService dnsChanges) {
        this.dnsChanges = dnsChanges;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String domain = Variables.string(execution, DOMAIN);
        if (NewRecordsCheck.spfChosen(execution)) {
            dnsChanges.addSpfInclude(domain, MicrosoftRecords.SPF_INCLUDE_DOMAIN);
        }
        dnsChanges.replaceMx(domain, Variables.string(execution, MX_TARGET_HOST), 0, MicrosoftRecords.TTL);
        dnsChanges.setCname("autodiscover." + domain, MicrosoftRecords.AUTODISCOVER_TARGET, MicrosoftRecords.TTL);
    }
}
