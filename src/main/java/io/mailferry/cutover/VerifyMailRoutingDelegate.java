package io.mailferry.cutover;

import io.mailferry.dns.DnsLookupService;
import io.mailferry.dns.MicrosoftRecords;
import io.mailferry.dns.PropagationReport;
import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Seed step 6: mail routes to Microsoft 365 once every authoritative server of the zone (and every configured
 * resolver) answers with the new MX, and Outlook finds the new mailboxes once they answer with the Autodiscover CNAME.
 */
@Component("verifyMailRoutingDelegate")
class VerifyMailRoutingDelegate implements JavaDelegate {
    private final DnsLookupService dns;

    VerifyMailRoutingDelegate(DnsLookupService dns) {
        this.dns = dns;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String domain = Variables.string(execution, "domain");
        PropagationReport mx = dns.checkMx(domain, Variables.string(execution, "mxTargetHost"));
        PropagationReport autodiscover = dns.checkCname("autodiscover." + domain, MicrosoftRecords.AUTODISCOVER_TARGET);
        boolean verified = mx.allMatch() && autodiscover.allMatch();
        execution.setVariable("routingVerified", verified);
        execution.setVariable("routingStatus", mx.summary() + "\n" + autodiscover.summary());
        if (verified) {
            execution.setVariable("routingVerifiedAt", ClockUtil.getCurrentTime());
            execution.removeVariable("routingError");
        }
        Variables.increment(execution, "routingChecks");
    }
}
