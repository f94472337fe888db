package io.mailferry.cutover;

import io.mailferry.process.Recorded;

/** Names of the process variables only the cutover uses (StartCutover.form, ChooseSecurityGroups.form,
 * CreateSecurityGroupsInExchange.form). */
public final class CutoverVariables {
    /** When the migration happens, in the words of the notice to mailbox owners. */
    public static final String NOTICE_SCHEDULE = "noticeSchedule";

    /** How many mailbox owners the notice goes to. */
    @Recorded
    public static final String MAILBOX_OWNERS_LISTED = "mailboxOwnersListed";

    /** The number of the group of owners one instance of Task_SendMigrationNotices tells (MailboxGroups). */
    public static final String NOTICE_GROUP = "noticeGroup";

    /** How many owners of one group have the notice, set on that group's own execution. */
    @Recorded
    public static final String MAILBOX_OWNERS_NOTIFIED = "mailboxOwnersNotified";

    public static final String CREATE_SECURITY_GROUPS = "createSecurityGroups";
    /** Comma-separated names. */
    public static final String SECURITY_GROUP_NAMES = "securityGroupNames";

    /** Every chosen group exists in Microsoft 365, mail-enabled and security-enabled. */
    public static final String SECURITY_GROUPS_EXIST = "securityGroupsExist";
    /** What is missing or wrong, one item per group, inert Markdown for CreateSecurityGroupsInExchange.form. */
    public static final String SECURITY_GROUPS_MISSING = "securityGroupsMissing";
    /** The Exchange Online PowerShell commands that create the missing groups, inert for a code fence. */
    public static final String SECURITY_GROUP_COMMANDS = "securityGroupCommands";

    /** The groups that exist when the step goes on, comma-separated. */
    @Recorded
    public static final String SECURITY_GROUPS_CREATED = "securityGroupsCreated";

    @Recorded
    public static final String FINAL_SYNC_CONFIRMED = "finalSyncConfirmed";

    /** How many users of one group were welcomed, set on that group's own execution. */
    @Recorded
    public static final String WELCOME_MESSAGES_SENT = "welcomeMessagesSent";

    /** How many users one group of the batch has in Microsoft 365 now, set on that group's own execution. */
    @Recorded
    public static final String GROUP_USERS_CREATED = "groupUsersCreated";

    private CutoverVariables() {}
}
