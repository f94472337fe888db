package io.mailferry.cutover;

import io.mailferry.directory.DirectoryMailbox;
import io.mailferry.directory.DirectoryService;
import io.mailferry.notify.NotificationService;
import io.mailferry.process.Variables;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Seed step 1: tells every mailbox owner in the on-premises directory what changes, and when. */
@Component("sendMigrationNoticesDelegate")
class SendMigrationNoticesDelegate implements JavaDelegate {
    private final DirectoryService directory;
    private final NotificationService notifications;

    SendMigrationNoticesDelegate(DirectoryService directory, NotificationService notifications) {
        this.directory = directory;
        this.notifications = notifications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String domain = Variables.string(execution, "domain");
        List<String> owners = directory.listMailboxes(domain).stream().map(DirectoryMailbox::address).toList();
        if (owners.isEmpty()) {
            throw new IllegalStateException("The on-premises directory lists no mailbox in " + domain);
        }
        int sent = notifications.sendMigrationNotice(execution.getProcessInstanceId() + ":migration-notice", domain, owners,
                Variables.string(execution, "noticeSchedule"));
        execution.setVariable("mailboxOwnersNotified", sent);
        Variables.setDefault(execution, "testMailbox", owners.get(0));
    }
}
