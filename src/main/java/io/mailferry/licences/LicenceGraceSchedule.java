package io.mailferry.licences;

import static io.mailferry.licences.LicenceVariables.LICENCE_ESCALATION_AT;
import static io.mailferry.licences.LicenceVariables.LICENCE_GRACE_ENDS_TEXT;
import static io.mailferry.licences.LicenceVariables.LICENCE_REMINDER_AT;
import static io.mailferry.process.MigrationVariables.LICENCE_GRACE_ENDS_AT;

import io.mailferry.process.MigrationTimers;
import io.mailferry.process.Variables;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;

/** When the licence task's reminder and escalation timers fire: before the grace period that began with the users. */
final class LicenceGraceSchedule {
    private LicenceGraceSchedule() {}

    /**
     * The end as text for the forms and, once, the moments of the reminder and the escalation: a notice that was
     * sent moves its own moment past the end (LicenceGraceNoticeDelegate), and must not be set back here.
     */
    static void scheduleNotices(VariableScope scope, MigrationTimers timers) {
        Instant ends = ((Date) scope.getVariable(LICENCE_GRACE_ENDS_AT)).toInstant();
        scope.setVariable(LICENCE_GRACE_ENDS_TEXT, Variables.human(ends));
        Variables.setDefault(scope, LICENCE_REMINDER_AT, Variables.date(ends.minus(timers.getLicenceReminderBefore())));
        Variables.setDefault(
                scope, LICENCE_ESCALATION_AT, Variables.date(ends.minus(timers.getLicenceEscalationBefore())));
    }
}
