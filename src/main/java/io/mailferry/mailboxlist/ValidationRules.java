package io.mailferry.mailboxlist;

import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a list is checked against. {@code verifiedDomains} are the organisation's verified domains (null: the
 * domain check is skipped, as on the command line without {@code --domain}); with {@code singleSignOn} (AD FS)
 * {@code ForceChangePassword} must be False; with {@code split} a list longer than one batch is divided into
 * batches instead of being refused.
 */
public record ValidationRules(Set<String> verifiedDomains, boolean singleSignOn, boolean split) {

    public ValidationRules {
        if (verifiedDomains != null) {
            Set<String> normalised = new TreeSet<>();
            for (String domain : verifiedDomains) {
                String name = domain.trim().toLowerCase(Locale.ROOT);
                normalised.add(name.endsWith(".") ? name.substring(0, name.length() - 1) : name);
            }
            verifiedDomains = Collections.unmodifiableSet(normalised);
        }
    }

    public boolean checksDomains() {
        return verifiedDomains != null;
    }
}
