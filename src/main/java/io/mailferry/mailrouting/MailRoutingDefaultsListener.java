package io.mailferry.mailrouting;

import static io.mailferry.mailrouting.MailRoutingVariables.APPLY_DNS_AUTOMATICALLY;
import static io.mailferry.process.MigrationVariables.DNS_AUTOMATION_AVAILABLE;
import static io.mailferry.process.MigrationVariables.DNS_UPDATE_SERVER;

import io.mailferry.dns.DnsChangeService;
import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Fills the DNS forms of the switch from this installation's configuration: whether a DNS update server can change
 * the records (then letting it is the default choice) and which server that is.
 */
@Component("mailRoutingDefaultsListener")
class MailRoutingDefaultsListener implements ExecutionListener {
    private final DnsChangeService dnsChanges;

    MailRoutingDefaultsListener(DnsChangeService dnsChanges) {
        this.dnsChanges = dnsChanges;
    }

    @Override
    public void notify(DelegateExecution execution) {
        boolean automatic = dnsChanges.automaticChangesAvailable();
        execution.setVariable(DNS_AUTOMATION_AVAILABLE, automatic);
        execution.setVariable(DNS_UPDATE_SERVER, automatic ? dnsChanges.updateServer() : "(none configured)");
        Variables.setDefault(execution, APPLY_DNS_AUTOMATICALLY, automatic);
    }
}
