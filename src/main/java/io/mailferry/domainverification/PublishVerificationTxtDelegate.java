package io.mailferry.domainverification;

import static io.mailferry.domainverification.VerifyDomainVariables.VERIFICATION_TXT;
import static io.mailferry.process.MigrationVariables.DOMAIN;

import io.mailferry.dns.DnsChangeService;
import io.mailferry.dns.MicrosoftRecords;
import io.mailferry.process.DnsChangeOrigins;
import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Publishes the verification TXT record by RFC 2136 update, when the operator asked Mailferry to. */
@Component("publishVerificationTxtDelegate")
class PublishVerificationTxtDelegate implements JavaDelegate {
    private final DnsChangeService dnsChanges;

    PublishVerificationTxtDelegate(DnsChangeService dnsChanges) {
        this.dnsChanges = dnsChanges;
    }

    @Override
    public void execute(DelegateExecution execution) {
        dnsChanges
                .madeBy(DnsChangeOrigins.of(execution))
                .publishTxt(
                        Variables.string(execution, DOMAIN),
                        Variables.string(execution, VERIFICATION_TXT),
                        MicrosoftRecords.TTL);
    }
}
