package io.mailferry.mailrouting;

import static io.mailferry.mailrouting.MailRoutingVariables.CURRENT_MX_HOST;
import static io.mailferry.mailrouting.MailRoutingVariables.EARLY_COMPLETION_REASON;
import static io.mailferry.mailrouting.MailRoutingVariables.MX_DNS_NOW;
import static io.mailferry.mailrouting.MailRoutingVariables.MX_WAIT_MAY_END;
import static io.mailferry.mailrouting.MailRoutingVariables.MX_WAIT_REFUSAL;
import static io.mailferry.mailrouting.MailRoutingVariables.MX_WAIT_UNTIL;
import static io.mailferry.mailrouting.MailRoutingVariables.TTL_DNS_NOW;
import static io.mailferry.mailrouting.MailRoutingVariables.TTL_EARLY_COMPLETION_REASON;
import static io.mailferry.mailrouting.MailRoutingVariables.TTL_WAIT_MAY_END;
import static io.mailferry.mailrouting.MailRoutingVariables.TTL_WAIT_REFUSAL;
import static io.mailferry.mailrouting.MailRoutingVariables.TTL_WAIT_UNTIL;

import io.mailferry.dns.DnsLookupService;
import io.mailferry.process.OwnedMigration;
import io.mailferry.process.Variables;
import io.mailferry.tenant.Tenant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The two DNS waits of SwitchMailRouting, by the names its task listeners use. */
@Configuration
public class DnsWaitGuards {
    @Bean
    public DnsWaitGuard ttlWaitGuard(DnsLookupService dns, OwnedMigration owned) {
        // the MX still points at the old server during this wait; the TTL each server gives is what matters
        return new DnsWaitGuard(
                new DnsWaitGuard.WaitVariables(
                        TTL_WAIT_UNTIL, TTL_DNS_NOW, TTL_WAIT_MAY_END, TTL_WAIT_REFUSAL, TTL_EARLY_COMPLETION_REASON),
                "The TTL wait",
                task -> dns.checkMx(owned.domain(task), Variables.string(task, CURRENT_MX_HOST))
                        .summary());
    }

    @Bean
    public DnsWaitGuard mxPropagationWaitGuard(DnsLookupService dns, OwnedMigration owned, Tenant tenant) {
        RoutingRecords records = new RoutingRecords(owned, tenant);
        return new DnsWaitGuard(
                new DnsWaitGuard.WaitVariables(
                        MX_WAIT_UNTIL, MX_DNS_NOW, MX_WAIT_MAY_END, MX_WAIT_REFUSAL, EARLY_COMPLETION_REASON),
                "The MX propagation wait",
                task -> NewRecordsCheck.summary(NewRecordsCheck.reports(
                        dns,
                        records.domain(task),
                        records,
                        task,
                        DnsLookupService.Servers.AUTHORITATIVE_AND_RESOLVERS)));
    }
}
