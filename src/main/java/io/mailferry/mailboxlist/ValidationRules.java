package io.mailferry.mailboxlist;

import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a list is checked against. {@code verifiedDomains} are the organisation's verified domains (null: the
 * domain check is skipped, as on the command line without {@code --domain}); with {@code singleSignOn} (AD FS)
 * {@code ForceChangePassword} must be False; {@code batchSize} (1 to 2,000) is the most mailboxes a batch holds,
 * and with {@code split} a list longer than one batch is divided into batches of that size instead of being refused.
 */
public record ValidationRules(Set<String> verifiedDomains, boolean singleSignOn, boolean split, int batchSize) {

    public ValidationRules {
        String problem = batchSizeProblem(batchSize);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (verifiedDomains != null) {
            Set<String> normalised = new TreeSet<>();
            for (String domain : verifiedDomains) {
                String name = domain.trim().toLowerCase(Locale.ROOT);
                normalised.add(name.endsWith(".") ? name.substring(0, name.length() - 1) : name);
            }
            verifiedDomains = Collections.unmodifiableSet(normalised);
        }
    }

    /** Batches of the seed's maximum, 2,000 mailboxes. */
    public ValidationRules(Set<String> verifiedDomains, boolean singleSignOn, boolean split) {
        this(verifiedDomains, singleSignOn, split, MailboxListValidator.MAX_BATCH_SIZE);
    }

    /** Why {@code size} cannot be the size of a batch, or null when it can; the caller names its parameter. */
    public static String batchSizeProblem(int size) {
        return size >= 1 && size <= MailboxListValidator.MAX_BATCH_SIZE
                ? null
                : "a batch holds 1 to " + MailboxListValidator.MAX_BATCH_SIZE
                        + " mailboxes (the seed's limit per batch), not " + size;
    }

    public boolean checksDomains() {
        return verifiedDomains != null;
    }
}
