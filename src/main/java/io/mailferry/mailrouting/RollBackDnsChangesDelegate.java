package io.mailferry.mailrouting;

import static io.mailferry.mailrouting.SwitchMailRoutingIds.DNS_SWITCH_STEPS;
import static io.mailferry.mailrouting.SwitchMailRoutingIds.ERR_DNS_ROLLBACK_REFUSED;

import io.mailferry.dns.DnsChangeService;
import io.mailferry.process.DnsChangeOrigins;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The operator chose to roll back: every change this switch made (SPF, MX, Autodiscover), newest first, by
 * compare-and-set. Which changes comes from the change log rows of this process instance, never from a variable a
 * form could set. A refusal (someone else changed the records since) goes back to the operator with the reason.
 */
@Component("rollBackDnsChangesDelegate")
class RollBackDnsChangesDelegate implements JavaDelegate {
    private final DnsChangeService dnsChanges;

    RollBackDnsChangesDelegate(DnsChangeService dnsChanges) {
        this.dnsChanges = dnsChanges;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DnsSwitchChanges.orOperatorDecides(
                ERR_DNS_ROLLBACK_REFUSED,
                () -> dnsChanges
                        .madeBy(DnsChangeOrigins.of(execution))
                        .rollbackChanges(execution.getProcessInstanceId(), DNS_SWITCH_STEPS));
    }
}
