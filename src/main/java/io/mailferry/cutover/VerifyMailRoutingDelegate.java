package io.mailferry.cutover;

import io.mailferry.dns.DnsLookupService;
import io.mailferry.dns.PropagationReport;
import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** Seed step 6: mail routes to Microsoft 365 once every authoritative server of the zone answers with the new MX. */
@Component("verifyMailRoutingDelegate")
class VerifyMailRoutingDelegate implements JavaDelegate {
    private final DnsLookupService dns;

    VerifyMailRoutingDelegate(DnsLookupService dns) {
        this.dns = dns;
    }

    @Override
    public void execute(DelegateExecution execution) {
        PropagationReport report = dns.checkMx(Variables.string(execution, "domain"), Variables.string(execution, "mxTargetHost"));
        execution.setVariable("routingVerified", report.allMatch());
        execution.setVariable("routingStatus", report.summary());
        if (report.allMatch()) {
            execution.setVariable("routingVerifiedAt", ClockUtil.getCurrentTime());
            execution.removeVariable("routingError");
        }
        Variables.increment(execution, "routingChecks");
    }
}
