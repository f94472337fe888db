package io.mailferry.cutover;

import io.mailferry.notify.NotificationService;
import io.mailferry.process.Variables;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Reminds (input noticeLevel REMINDER) or escalates (ESCALATION) while migrated users still lack a licence. */
@Component("licenceGraceNoticeDelegate")
class LicenceGraceNoticeDelegate implements JavaDelegate {
    private final NotificationService notifications;
    private final List<String> operators;

    LicenceGraceNoticeDelegate(NotificationService notifications, @Value("${mailferry.notify.operators:}") List<String> operators) {
        this.notifications = notifications;
        this.operators = operators;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (operators.isEmpty()) {
            throw new IllegalStateException("Nobody to remind of the licence grace period: set mailferry.notify.operators");
        }
        boolean escalation = "ESCALATION".equals(Variables.string(execution, "noticeLevel"));
        String domain = Variables.string(execution, "domain");
        String subject = (escalation ? "URGENT: " : "Reminder: ") + execution.getVariable("unlicensedCount")
                + " migrated users of " + domain + " have no Exchange Online licence";
        String body = "Their grace period ends on " + execution.getVariable("licenceGraceEndsText")
                + "; then Microsoft 365 soft-deletes their mailboxes.\n\n" + execution.getVariable("licenceStatus")
                + "\n\nAssign licences, then complete the task \"Get licences for the remaining users\" in Tasklist.";
        notifications.sendOperatorNotice(execution.getProcessInstanceId() + ":licence-" + (escalation ? "escalation" : "reminder"),
                operators, subject, body);
        // The "Get licences" task comes back after each assignment round; its timer must not fire this notice again.
        Date afterGrace = new Date(((Date) execution.getVariable("licenceGraceEndsAt")).getTime() + 1);
        execution.setVariable(escalation ? "licenceEscalationAt" : "licenceReminderAt", afterGrace);
    }
}
