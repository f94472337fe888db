package io.mailferry.mailrouting;

import static io.mailferry.mailrouting.MailRoutingVariables.MX_TARGET_HOST;
import static io.mailferry.mailrouting.SwitchMailRoutingIds.ERR_DNS_CHANGE_FAILED;
import static io.mailferry.process.MigrationVariables.DOMAIN;

import io.mailferry.dns.DnsChangeService;
import io.mailferry.dns.MicrosoftRecords;
import io.mailferry.process.DnsChangeOrigins;
import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The switch's MX change: one MX record, Microsoft 365's, by compare-and-set on the records read just before. */
@Component("pointMxAtMicrosoftDelegate")
class PointMxAtMicrosoftDelegate implements JavaDelegate {
    private final DnsChangeService dnsChanges;

    PointMxAtMicrosoftDelegate(DnsChangeService dnsChanges) {
        this.dnsChanges = dnsChanges;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String domain = Variables.string(execution, DOMAIN);
        String host = Variables.string(execution, MX_TARGET_HOST);
        DnsSwitchChanges.orOperatorDecides(
                ERR_DNS_CHANGE_FAILED,
                () -> dnsChanges
                        .madeBy(DnsChangeOrigins.of(execution))
                        .replaceMx(domain, host, 0, MicrosoftRecords.TTL));
    }
}
