package io.mailferry.domainverification;

import static io.mailferry.domainverification.VerifyDomainVariables.VERIFICATION_RECORD;
import static io.mailferry.domainverification.VerifyDomainVariables.VERIFICATION_TXT;

import io.mailferry.dns.MicrosoftRecords;
import io.mailferry.process.OwnedMigration;
import io.mailferry.tenant.Tenant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Adds the migration's domain (as validated when it started) to the tenant, which answers with the TXT value that
 * proves ownership; the variables are for the operator's form only, the publishing step asks the tenant again.
 */
@Component("addDomainToTenantDelegate")
class AddDomainToTenantDelegate implements JavaDelegate {
    private final Tenant tenant;
    private final OwnedMigration owned;

    AddDomainToTenantDelegate(Tenant tenant, OwnedMigration owned) {
        this.tenant = tenant;
        this.owned = owned;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String domain = owned.domain(execution);
        String value = tenant.addDomain(domain);
        execution.setVariable(VERIFICATION_TXT, value);
        execution.setVariable(
                VERIFICATION_RECORD,
                MicrosoftRecords.verificationTxt(domain, value).zoneFileLine());
    }
}
