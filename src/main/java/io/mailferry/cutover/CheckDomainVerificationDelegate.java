package io.mailferry.cutover;

import io.mailferry.process.Variables;
import io.mailferry.tenant.DomainVerification;
import io.mailferry.tenant.Tenant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Asks the tenant to verify the domain (it looks the TXT record up in DNS) and keeps its explanation for the operator. */
@Component("checkDomainVerificationDelegate")
class CheckDomainVerificationDelegate implements JavaDelegate {
    private final Tenant tenant;

    CheckDomainVerificationDelegate(Tenant tenant) {
        this.tenant = tenant;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DomainVerification result = tenant.verifyDomain(Variables.string(execution, "domain"));
        execution.setVariable("domainVerified", result.verified());
        execution.setVariable("domainVerificationStatus", result.detail());
        Variables.increment(execution, "domainChecks");
    }
}
