package io.mailferry.licences;

import static io.mailferry.licences.LicenceVariables.LICENCE_ESCALATION_AT;
import static io.mailferry.licences.LicenceVariables.LICENCE_GRACE_ENDS_TEXT;
import static io.mailferry.licences.LicenceVariables.LICENCE_REMINDER_AT;
import static io.mailferry.licences.LicenceVariables.LICENCE_STATUS;
import static io.mailferry.licences.LicenceVariables.NOTICE_LEVEL;
import static io.mailferry.licences.LicenceVariables.UNLICENSED_COUNT;
import static io.mailferry.process.MigrationVariables.LICENCE_GRACE_ENDS_AT;

import io.mailferry.process.OwnedMigration;
import io.mailferry.process.Variables;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Reminds (input noticeLevel REMINDER) or escalates (ESCALATION) while migrated users still lack a licence. */
@Component("licenceGraceNoticeDelegate")
class LicenceGraceNoticeDelegate implements JavaDelegate {
    private final LicenceService licences;
    private final OwnedMigration owned;

    LicenceGraceNoticeDelegate(LicenceService licences, OwnedMigration owned) {
        this.licences = licences;
        this.owned = owned;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean escalation = "ESCALATION".equals(Variables.string(execution, NOTICE_LEVEL));
        licences.sendGraceNotice(
                execution.getProcessInstanceId() + ":licence-" + (escalation ? "escalation" : "reminder"),
                escalation,
                owned.domain(execution),
                (int) Variables.number(execution, UNLICENSED_COUNT),
                Variables.string(execution, LICENCE_GRACE_ENDS_TEXT),
                Variables.string(execution, LICENCE_STATUS));
        // The "Get licences" task comes back after each assignment round; its timer must not fire this notice again.
        Date afterGrace = new Date(((Date) execution.getVariable(LICENCE_GRACE_ENDS_AT)).getTime() + 1);
        execution.setVariable(escalation ? LICENCE_ESCALATION_AT : LICENCE_REMINDER_AT, afterGrace);
    }
}
