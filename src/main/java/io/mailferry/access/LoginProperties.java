package io.mailferry.access;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mailferry.login.*}: how failed sign-ins are throttled (see {@link LoginThrottle}). After {@code max-failures}
 * wrong passwords for one user from one source address, that user is refused from that address for {@code lock};
 * after {@code max-failures-per-address} from one address (whatever the user names), everything from it is refused
 * for {@code lock}. A failure is forgotten after {@code lock} too. Defaults: 5, 20, 15 minutes.
 */
@ConfigurationProperties("mailferry.login")
public record LoginProperties(
        @DefaultValue("5") int maxFailures,
        @DefaultValue("20") int maxFailuresPerAddress,
        @DefaultValue("PT15M") Duration lock) {

    public LoginProperties {
        if (maxFailures < 1 || maxFailuresPerAddress < 1) {
            throw new IllegalArgumentException("mailferry.login.max-failures and max-failures-per-address must be at "
                    + "least 1, not " + maxFailures + " and " + maxFailuresPerAddress);
        }
        if (lock == null || lock.isNegative() || lock.isZero()) {
            throw new IllegalArgumentException(
                    "mailferry.login.lock must be a positive duration such as PT15M, not " + lock);
        }
    }
}
