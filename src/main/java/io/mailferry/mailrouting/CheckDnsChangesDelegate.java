package io.mailferry.mailrouting;

import static io.mailferry.mailrouting.MailRoutingVariables.DNS_CHANGES_VISIBLE;
import static io.mailferry.mailrouting.MailRoutingVariables.DNS_CHANGE_CHECK;

import io.mailferry.dns.DnsLookupService;
import io.mailferry.dns.PropagationReport;
import io.mailferry.text.Inert;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * After the operator changed the records at the DNS host: are they served by every authoritative server of the zone?
 * Only then does the change count and the propagation wait start; otherwise the operator's task opens again with
 * what each server answers. Resolvers are not asked: they may keep the old records until their TTL runs out, which
 * is what the wait is for.
 */
@Component("checkDnsChangesDelegate")
class CheckDnsChangesDelegate implements JavaDelegate {
    private final DnsLookupService dns;
    private final RoutingRecords records;

    CheckDnsChangesDelegate(DnsLookupService dns, RoutingRecords records) {
        this.dns = dns;
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        List<PropagationReport> reports = NewRecordsCheck.reports(
                dns, records.domain(execution), records, execution, DnsLookupService.Servers.AUTHORITATIVE);
        boolean visible = NewRecordsCheck.allMatch(reports);
        execution.setVariable(DNS_CHANGES_VISIBLE, visible);
        if (visible) {
            execution.removeVariable(DNS_CHANGE_CHECK);
        } else {
            execution.setVariable(DNS_CHANGE_CHECK, Inert.code(NewRecordsCheck.summary(reports)));
        }
    }
}
