package io.mailferry.domainverification;

import static io.mailferry.domainverification.VerifyDomainVariables.DOMAIN_RECHECK_TEXT;
import static io.mailferry.domainverification.VerifyDomainVariables.PUBLISH_AUTOMATICALLY;
import static io.mailferry.process.MigrationVariables.DNS_AUTOMATION_AVAILABLE;
import static io.mailferry.process.MigrationVariables.DNS_UPDATE_SERVER;

import io.mailferry.dns.DnsChangeService;
import io.mailferry.process.MigrationTimers;
import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Fills the verification form from this installation's configuration: whether a DNS update server can publish the
 * record (then publishing it is the default choice) and how often DNS is checked.
 */
@Component("domainVerificationDefaultsListener")
class DomainVerificationDefaultsListener implements ExecutionListener {
    private final DnsChangeService dnsChanges;
    private final MigrationTimers timers;

    DomainVerificationDefaultsListener(DnsChangeService dnsChanges, MigrationTimers timers) {
        this.dnsChanges = dnsChanges;
        this.timers = timers;
    }

    @Override
    public void notify(DelegateExecution execution) {
        boolean automatic = dnsChanges.automaticChangesAvailable();
        execution.setVariable(DNS_AUTOMATION_AVAILABLE, automatic);
        execution.setVariable(DNS_UPDATE_SERVER, automatic ? dnsChanges.updateServer() : "(none configured)");
        Variables.setDefault(execution, PUBLISH_AUTOMATICALLY, automatic);
        execution.setVariable(DOMAIN_RECHECK_TEXT, Variables.human(timers.getDomainRecheckInterval()));
    }
}
