package io.mailferry.mailrouting;

import static io.mailferry.mailrouting.MailRoutingVariables.DNS_CHANGES_MADE;
import static io.mailferry.mailrouting.SwitchMailRoutingIds.DNS_SWITCH_STEPS;

import io.mailferry.dns.DnsChangeService;
import io.mailferry.dns.DnsChangeText;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * After a failed change: what this switch changed so far, and rolled back, as the change log has it (before and
 * after each change), for the operator's decision. Read by process instance, so it is this switch's and nobody
 * else's; escaped and capped, since the records come from DNS.
 */
@Component("listDnsChangesMadeDelegate")
class ListDnsChangesMadeDelegate implements JavaDelegate {
    private final DnsChangeService dnsChanges;

    ListDnsChangesMadeDelegate(DnsChangeService dnsChanges) {
        this.dnsChanges = dnsChanges;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(
                DNS_CHANGES_MADE,
                DnsChangeText.changes(dnsChanges.changesMadeBy(execution.getProcessInstanceId(), DNS_SWITCH_STEPS)));
    }
}
