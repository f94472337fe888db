package io.mailferry.domainverification;

import io.mailferry.dns.DnsChangeService;
import io.mailferry.dns.MicrosoftRecords;
import io.mailferry.process.DnsChangeOrigins;
import io.mailferry.process.OwnedMigration;
import io.mailferry.tenant.Tenant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Publishes the verification TXT record by RFC 2136 update, when the operator asked Mailferry to. Name and value are
 * worked out here, from the migration's validated domain and the tenant's answer, never read from the
 * {@code verificationTxt} variable: the update is signed with the organisation's key, and a value from a variable
 * could let another tenant verify the domain.
 */
@Component("publishVerificationTxtDelegate")
class PublishVerificationTxtDelegate implements JavaDelegate {
    private final DnsChangeService dnsChanges;
    private final Tenant tenant;
    private final OwnedMigration owned;

    PublishVerificationTxtDelegate(DnsChangeService dnsChanges, Tenant tenant, OwnedMigration owned) {
        this.dnsChanges = dnsChanges;
        this.tenant = tenant;
        this.owned = owned;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String domain = owned.domain(execution);
        // adding a domain the tenant has is a no-op that answers with the same value
        String value = tenant.addDomain(domain);
        dnsChanges.madeBy(DnsChangeOrigins.of(execution)).publishTxt(domain, value, MicrosoftRecords.TTL);
    }
}
