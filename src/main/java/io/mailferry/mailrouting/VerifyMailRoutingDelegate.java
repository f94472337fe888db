package io.mailferry.mailrouting;

import static io.mailferry.mailrouting.MailRoutingVariables.ROUTING_CHECKS;
import static io.mailferry.mailrouting.MailRoutingVariables.ROUTING_STATUS;
import static io.mailferry.mailrouting.MailRoutingVariables.ROUTING_VERIFIED;
import static io.mailferry.mailrouting.MailRoutingVariables.ROUTING_VERIFIED_AT;

import io.mailferry.dns.DnsLookupService;
import io.mailferry.dns.MicrosoftRecords;
import io.mailferry.dns.PropagationReport;
import io.mailferry.process.Variables;
import io.mailferry.text.Inert;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Mail routes to Microsoft 365 once every authoritative server of the zone (and every configured resolver) answers
 * with the new MX, and Outlook finds the new mailboxes once they answer with the Autodiscover CNAME. Both are worked
 * out here from the migration's domain and the tenant, so a redirected MX is never reported as routed.
 */
@Component("verifyMailRoutingDelegate")
class VerifyMailRoutingDelegate implements JavaDelegate {
    private final DnsLookupService dns;
    private final RoutingRecords records;

    VerifyMailRoutingDelegate(DnsLookupService dns, RoutingRecords records) {
        this.dns = dns;
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String domain = records.domain(execution);
        PropagationReport mx = dns.checkMx(domain, records.mxHost(domain));
        PropagationReport autodiscover = dns.checkCname("autodiscover." + domain, MicrosoftRecords.AUTODISCOVER_TARGET);
        boolean verified = mx.allMatch() && autodiscover.allMatch();
        execution.setVariable(ROUTING_VERIFIED, verified);
        // also the message of Err_RoutingNotVerified, which the callers keep as routingError
        execution.setVariable(ROUTING_STATUS, Inert.code(mx.summary() + "\n" + autodiscover.summary()));
        if (verified) {
            execution.setVariable(ROUTING_VERIFIED_AT, ClockUtil.getCurrentTime());
        }
        Variables.increment(execution, ROUTING_CHECKS);
    }
}
