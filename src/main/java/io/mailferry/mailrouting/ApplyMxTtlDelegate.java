package io.mailferry.mailrouting;

import static io.mailferry.process.MigrationVariables.DOMAIN;

import io.mailferry.dns.DnsChangeService;
import io.mailferry.dns.MicrosoftRecords;
import io.mailferry.process.DnsChangeOrigins;
import io.mailferry.process.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Lowers the MX TTL to an hour by RFC 2136 update (compare-and-set), when the operator asked Mailferry to. */
@Component("applyMxTtlDelegate")
class ApplyMxTtlDelegate implements JavaDelegate {
    private final DnsChangeService dnsChanges;

    ApplyMxTtlDelegate(DnsChangeService dnsChanges) {
        this.dnsChanges = dnsChanges;
    }

    @Override
    public void execute(DelegateExecution execution) {
        dnsChanges
                .madeBy(DnsChangeOrigins.of(execution))
                .lowerMxTtl(Variables.string(execution, DOMAIN), MicrosoftRecords.RECOMMENDED_MX_TTL);
    }
}
