package io.mailferry.tenant;

import java.util.List;
import java.util.Optional;

/**
 * Tests, one thing at a time, whether Mailferry can work with its Microsoft 365 tenant, before a runbook touches it:
 * what it is configured with, and per check whether it passed or exactly what to fix. Everything the checks use is
 * configuration; only the mailbox to sign in to is the operator's.
 */
public interface TenantConnection {
    /** The configuration the checks use, as an operator may see it: never a secret. */
    ConnectionSettings settings();

    /** A mailbox to offer for the sign-in test, when this tenant knows a suitable one. */
    Optional<String> suggestedTestMailbox();

    /**
     * Every check, in order, each passed or with what to fix. Never throws for a refusal or an unreachable service.
     * {@code testMailbox} is as the operator typed it; an invalid address fails the sign-in check only.
     */
    List<ConnectionCheck> check(String testMailbox);
}
