package io.mailferry.domainverification;

import static io.mailferry.domainverification.VerifyDomainVariables.DOMAIN_CHECKS;
import static io.mailferry.domainverification.VerifyDomainVariables.DOMAIN_VERIFICATION_STATUS;
import static io.mailferry.domainverification.VerifyDomainVariables.DOMAIN_VERIFIED;

import io.mailferry.process.OwnedMigration;
import io.mailferry.process.Variables;
import io.mailferry.tenant.DomainVerification;
import io.mailferry.tenant.Tenant;
import io.mailferry.text.Inert;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Asks the tenant to verify the domain (it looks the TXT record up in DNS) and keeps its explanation for the operator. */
@Component("checkDomainVerificationDelegate")
class CheckDomainVerificationDelegate implements JavaDelegate {
    private final Tenant tenant;
    private final OwnedMigration owned;

    CheckDomainVerificationDelegate(Tenant tenant, OwnedMigration owned) {
        this.tenant = tenant;
        this.owned = owned;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DomainVerification result = tenant.verifyDomain(owned.domain(execution));
        execution.setVariable(DOMAIN_VERIFIED, result.verified());
        execution.setVariable(DOMAIN_VERIFICATION_STATUS, Inert.markdown(result.detail()));
        Variables.increment(execution, DOMAIN_CHECKS);
    }
}
