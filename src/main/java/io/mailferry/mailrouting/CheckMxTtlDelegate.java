package io.mailferry.mailrouting;

import static io.mailferry.mailrouting.MailRoutingVariables.MX_TTL_CHECK;
import static io.mailferry.mailrouting.MailRoutingVariables.MX_TTL_LOWERED;

import io.mailferry.dns.DnsLookupService;
import io.mailferry.dns.MicrosoftRecords;
import io.mailferry.dns.PropagationReport;
import io.mailferry.text.Inert;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * After the operator lowered the MX TTL at the DNS host: does every authoritative server serve a TTL of at most an
 * hour? Only then does the TTL wait start; otherwise the operator's task opens again with what each server answers.
 */
@Component("checkMxTtlDelegate")
class CheckMxTtlDelegate implements JavaDelegate {
    private final DnsLookupService dns;
    private final RoutingRecords records;

    CheckMxTtlDelegate(DnsLookupService dns, RoutingRecords records) {
        this.dns = dns;
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        PropagationReport report = dns.checkMxTtl(records.domain(execution), MicrosoftRecords.RECOMMENDED_MX_TTL);
        execution.setVariable(MX_TTL_LOWERED, report.allMatch());
        if (report.allMatch()) {
            execution.removeVariable(MX_TTL_CHECK);
        } else {
            execution.setVariable(MX_TTL_CHECK, Inert.code(report.summary()));
        }
    }
}
