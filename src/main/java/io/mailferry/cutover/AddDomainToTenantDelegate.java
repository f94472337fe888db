package io.mailferry.cutover;

import io.mailferry.dns.MicrosoftRecords;
import io.mailferry.process.Variables;
import io.mailferry.tenant.Tenant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Seed step 1: adds the domain to the tenant, which answers with the TXT value that proves ownership. */
@Component("addDomainToTenantDelegate")
class AddDomainToTenantDelegate implements JavaDelegate {
    private final Tenant tenant;

    AddDomainToTenantDelegate(Tenant tenant) {
        this.tenant = tenant;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String domain = Variables.string(execution, "domain");
        String value = tenant.addDomain(domain);
        execution.setVariable("verificationTxt", value);
        execution.setVariable("verificationRecord", MicrosoftRecords.verificationTxt(domain, value).zoneFileLine());
    }
}
