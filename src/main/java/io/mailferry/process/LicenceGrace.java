package io.mailferry.process;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The licence grace period of both runbooks: a user created in Microsoft 365 without a licence loses the mailbox
 * when the grace period ({@code mailferry.timers.licence-grace}, 30 days) ends. {@code licenceGraceEndsAt} holds the
 * end; the licence tasks' reminder and escalation timers fire before it.
 */
public final class LicenceGrace {
    private LicenceGrace() {}

    /** The users were created now: the grace period starts, once. */
    public static void start(VariableScope scope, MigrationTimers timers) {
        Instant ends = ClockUtil.getCurrentTime().toInstant().plus(timers.getLicenceGrace());
        Variables.setDefault(scope, "licenceGraceEndsAt", Variables.date(ends));
    }

    /**
     * The end as text for the forms and, once, the moments of the reminder and the escalation: a notice that was
     * sent moves its own moment past the end (LicenceGraceNoticeDelegate), and must not be set back here.
     */
    public static void scheduleNotices(VariableScope scope, MigrationTimers timers) {
        Instant ends = ((Date) scope.getVariable("licenceGraceEndsAt")).toInstant();
        scope.setVariable("licenceGraceEndsText", Variables.human(ends));
        Variables.setDefault(scope, "licenceReminderAt", Variables.date(ends.minus(timers.getLicenceReminderBefore())));
        Variables.setDefault(scope, "licenceEscalationAt", Variables.date(ends.minus(timers.getLicenceEscalationBefore())));
    }
}
