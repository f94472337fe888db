package io.mailferry.cutover;

import io.mailferry.dns.DnsLookupService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The two DNS waits of step 5, by the names the model's task listeners use. */
@Configuration
class DnsWaitGuards {
    @Bean
    DnsWaitGuard ttlWaitGuard(DnsLookupService dns) {
        // the MX still points at the old server during this wait
        return new DnsWaitGuard("ttl", "The TTL wait", "currentMxHost", "ttlEarlyCompletionReason", dns);
    }

    @Bean
    DnsWaitGuard mxPropagationWaitGuard(DnsLookupService dns) {
        return new DnsWaitGuard("mx", "The MX propagation wait", "mxTargetHost", "earlyCompletionReason", dns);
    }
}
