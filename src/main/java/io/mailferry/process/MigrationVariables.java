package io.mailferry.process;

/**
 * Names of the process variables several runbook steps share: what a migration is about (its domain, batch,
 * mailboxes, mailbox list, migration endpoint) and what the DNS steps both show. Each step's own variables are named
 * in its package's {@code …Variables} class; models and forms use the same names, and {@code VariableContractTest}
 * checks that every name read anywhere is written somewhere.
 */
public final class MigrationVariables {
    /** The SMTP domain being migrated, lower case, e.g. {@code contoso.com}; the business key of every instance. */
    public static final String DOMAIN = "domain";

    /**
     * The batch; each mailbox migration keeps it (unread by its own model) so that the batch's final-sync request
     * finds the mailboxes that wait for it (processVariableValueEquals), and for the history.
     */
    @Recorded
    public static final String BATCH_ID = "batchId";

    public static final String MAILBOX_ID = "mailboxId";
    /** The mailbox ids of a batch, the collection its multi-instance mailbox migrations run over. */
    public static final String MAILBOX_IDS = "mailboxIds";

    /**
     * The number of a group of a batch's mailboxes ({@link MailboxGroups}): the element variable of the multi-instances
     * that start the mailboxes, convert them (staged) and ask them for their final sync, a job per group.
     */
    public static final String MAILBOX_GROUP = "mailboxGroup";

    public static final String MAILBOX_COUNT = "mailboxCount";
    /** A staged migration's stored mailbox list. */
    public static final String MAILBOX_LIST_ID = "mailboxListId";
    /**
     * The migration endpoint the operator created (source side), for the history only: the migration keeps it in
     * {@link OwnedMigration}, and no step reads this variable, so setting it re-points nothing.
     */
    @Recorded
    public static final String SOURCE_ENDPOINT_ID = "sourceEndpointId";
    /** The mailbox the migration endpoint is tested with. */
    public static final String TEST_MAILBOX = "testMailbox";
    /** The delta-sync interval as the forms say it, e.g. "1 day". */
    public static final String DELTA_SYNC_TEXT = "deltaSyncText";
    /** When the licence grace period of the users the migration created ends. */
    public static final String LICENCE_GRACE_ENDS_AT = "licenceGraceEndsAt";
    /** Whether an RFC 2136 update server is configured, so the DNS forms offer to change records automatically. */
    public static final String DNS_AUTOMATION_AVAILABLE = "dnsAutomationAvailable";

    public static final String DNS_UPDATE_SERVER = "dnsUpdateServer";

    private MigrationVariables() {}
}
