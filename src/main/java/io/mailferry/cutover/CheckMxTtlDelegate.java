package io.mailferry.cutover;

import io.mailferry.dns.DnsLookupService;
import io.mailferry.dns.PropagationReport;
import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * After the operator lowered the MX TTL at the DNS host: does every authoritative server serve a TTL of at most an
 * hour? Only then does the TTL wait start; otherwise the operator's task opens again with what each server answers
 * ({@code mxTtlCheck}).
 */
@Component("checkMxTtlDelegate")
class CheckMxTtlDelegate implements JavaDelegate {
    private final DnsLookupService dns;

    CheckMxTtlDelegate(DnsLookupService dns) {
        this.dns = dns;
    }

    @Override
    public void execute(DelegateExecution execution) {
        PropagationReport report = dns.checkMxTtl(Variables.string(execution, "domain"), InspectCurrentMxDelegate.HOUR);
        execution.setVariable("mxTtlLowered", report.allMatch());
        if (report.allMatch()) {
            execution.removeVariable("mxTtlCheck");
        } else {
            execution.setVariable("mxTtlCheck", report.summary());
        }
    }
}
