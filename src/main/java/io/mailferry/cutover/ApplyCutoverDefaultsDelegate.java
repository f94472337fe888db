package io.mailferry.cutover;

import io.mailferry.dns.DnsChangeService;
import io.mailferry.mailbox.ConfiguredEndpoints;
import io.mailferry.mailbox.SourceEndpointProperties;
import io.mailferry.process.MigrationTimers;
import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Pre-fills the operator's forms from this installation's configuration (mailferry.source.*, the DNS update server)
 * and gives every decision variable a value, so that a field a form hides never leaves a gateway without an answer.
 * Values the process was started with win.
 */
@Component("applyCutoverDefaultsDelegate")
class ApplyCutoverDefaultsDelegate implements ExecutionListener {
    private final ConfiguredEndpoints endpoints;
    private final DnsChangeService dnsChanges;
    private final MigrationTimers timers;

    ApplyCutoverDefaultsDelegate(ConfiguredEndpoints endpoints, DnsChangeService dnsChanges, MigrationTimers timers) {
        this.endpoints = endpoints;
        this.dnsChanges = dnsChanges;
        this.timers = timers;
    }

    @Override
    public void notify(DelegateExecution execution) {
        SourceEndpointProperties source = endpoints.sourceDefaults();
        String domain = Variables.string(execution, "domain").toLowerCase();
        execution.setVariable("domain", domain);
        Variables.setDefault(execution, "noticeSchedule", "in the coming days");
        Variables.setDefault(execution, "sourceHost", source.host() != null ? source.host() : "mail." + domain);
        Variables.setDefault(execution, "sourcePort", (long) source.port());
        Variables.setDefault(execution, "sourceSecurity", source.security().name());
        Variables.setDefault(execution, "sourceAdminUser", source.adminUser());
        Variables.setDefault(execution, "sourceCredentialRef", endpoints.defaultSourceCredentialRef());
        Variables.setDefault(execution, "sourceLoginMode", source.loginMode().name());
        boolean automatic = dnsChanges.automaticChangesAvailable();
        execution.setVariable("dnsAutomationAvailable", automatic);
        execution.setVariable("dnsUpdateServer", automatic ? dnsChanges.updateServer() : "(none configured)");
        Variables.setDefault(execution, "publishAutomatically", automatic);
        Variables.setDefault(execution, "applyDnsAutomatically", automatic);
        Variables.setDefault(execution, "createSecurityGroups", false);
        Variables.setDefault(execution, "decommissionExchange", false);
        execution.setVariable("domainChecks", 0);
        execution.setVariable("routingChecks", 0);
        execution.setVariable("domainRecheckText", Variables.human(timers.getDomainRecheckInterval()));
        execution.setVariable("deltaSyncText", Variables.human(timers.getDeltaSyncInterval()));
    }
}
