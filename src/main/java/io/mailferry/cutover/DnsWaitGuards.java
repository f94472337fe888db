package io.mailferry.cutover;

import io.mailferry.dns.DnsLookupService;
import io.mailferry.process.Variables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The two DNS waits before and after the MX switch, by the names the models' task listeners use (the cutover's step 5,
 * the staged migration's task 9).
 */
@Configuration
public class DnsWaitGuards {
    @Bean
    public DnsWaitGuard ttlWaitGuard(DnsLookupService dns) {
        // the MX still points at the old server during this wait; the TTL each server gives is what matters
        return new DnsWaitGuard("ttl", "The TTL wait", "ttlEarlyCompletionReason",
                task -> dns.checkMx(Variables.string(task, "domain"), Variables.string(task, "currentMxHost")).summary());
    }

    @Bean
    public DnsWaitGuard mxPropagationWaitGuard(DnsLookupService dns) {
        return new DnsWaitGuard("mx", "The MX propagation wait", "earlyCompletionReason", task -> NewRecordsCheck.summary(
                NewRecordsCheck.reports(dns, task, DnsLookupService.Servers.AUTHORITATIVE_AND_RESOLVERS)));
    }
}
