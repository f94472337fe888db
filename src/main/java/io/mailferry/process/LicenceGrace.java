package io.mailferry.process;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The licence grace period of both runbooks: a user created in Microsoft 365 without a licence loses the mailbox
 * when the grace period ({@code mailferry.timers.licence-grace}, 30 days) ends. {@code licenceGraceEndsAt} holds the
 * end; the licence step's reminder and escalation timers fire before it (io.mailferry.licences).
 */
public final class LicenceGrace {
    private LicenceGrace() {}

    /** The users were created now: the grace period starts, once. */
    public static void start(VariableScope scope, MigrationTimers timers) {
        Instant ends = ClockUtil.getCurrentTime().toInstant().plus(timers.getLicenceGrace());
        Variables.setDefault(scope, MigrationVariables.LICENCE_GRACE_ENDS_AT, Variables.date(ends));
    }
}
