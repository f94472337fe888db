package io.mailferry.domainverification;

import static io.mailferry.domainverification.VerifyDomainVariables.VERIFICATION_RECORD;
import static io.mailferry.domainverification.VerifyDomainVariables.VERIFICATION_TXT;
import static io.mailferry.process.MigrationVariables.DOMAIN;

import io.mailferry.dns.MicrosoftRecords;
import io.mailferry.process.Variables;
import io.mailferry.tenant.Tenant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Adds the domain to the tenant, which answers with the TXT value that proves ownership. */
@Component("addDomainToTenantDelegate")
class AddDomainToTenantDelegate implements JavaDelegate {
    private final Tenant tenant;

    AddDomainToTenantDelegate(Tenant tenant) {
        this.tenant = tenant;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String domain = Variables.string(execution, DOMAIN);
        String value = tenant.addDomain(domain);
        execution.setVariable(VERIFICATION_TXT, value);
        execution.setVariable(
                VERIFICATION_RECORD,
                MicrosoftRecords.verificationTxt(domain, value).zoneFileLine());
    }
}
