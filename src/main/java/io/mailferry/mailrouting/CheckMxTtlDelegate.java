package io.mailferry.mailrouting;

import static io.mailferry.mailrouting.MailRoutingVariables.MX_TTL_CHECK;
import static io.mailferry.mailrouting.MailRoutingVariables.MX_TTL_LOWERED;
import static io.mailferry.process.MigrationVariables.DOMAIN;

import io.mailferry.dns.DnsLookupService;
import io.mailferry.dns.MicrosoftRecords;
import io.mailferry.dns.PropagationReport;
import io.mailferry.process.Variables;
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

    CheckMxTtlDelegate(DnsLookupService dns) {
        this.dns = dns;
    }

    @Override
    public void execute(DelegateExecution execution) {
        PropagationReport report =
                dns.checkMxTtl(Variables.string(execution, DOMAIN), MicrosoftRecords.RECOMMENDED_MX_TTL);
        execution.setVariable(MX_TTL_LOWERED, report.allMatch());
        if (report.allMatch()) {
            execution.removeVariable(MX_TTL_CHECK);
        } else {
            execution.setVariable(MX_TTL_CHECK, Inert.code(report.summary()));
        }
    }
}
