package io.mailferry.licences;

import io.mailferry.process.Recorded;

/**
 * Names of the LicencesAndDecommissioning step's process variables (ResolveMissingLicences.form,
 * DecideDecommissioning.form, DecommissionExchange.form). The grace period's end is
 * {@link io.mailferry.process.MigrationVariables#LICENCE_GRACE_ENDS_AT}, set where the users were created.
 */
public final class LicenceVariables {
    public static final String UNLICENSED_COUNT = "unlicensedCount";
    /** Which users still lack a licence and why, for the form and the operators' notices. */
    public static final String LICENCE_STATUS = "licenceStatus";
    /** The group of users one instance of "Assign Exchange Online licences" licenses: the multi-instance's element. */
    public static final String LICENCE_GROUP = "licenceGroup";
    /** What Microsoft 365 said about the users each group left without a licence, for the check after the last. */
    public static final String LICENCE_PROBLEMS = "licenceProblems";

    public static final String LICENCE_GRACE_ENDS_TEXT = "licenceGraceEndsText";
    /** When the reminder timer fires; moved past the grace period once the reminder was sent. */
    public static final String LICENCE_REMINDER_AT = "licenceReminderAt";

    public static final String LICENCE_ESCALATION_AT = "licenceEscalationAt";
    /** Input of the notice task: REMINDER or ESCALATION. */
    public static final String NOTICE_LEVEL = "noticeLevel";

    @Recorded
    public static final String LICENCES_AVAILABLE = "licencesAvailable";

    public static final String DECOMMISSION_EXCHANGE = "decommissionExchange";

    @Recorded
    public static final String NO_MAIL_ON_SOURCE = "noMailOnSource";

    @Recorded
    public static final String SUPPORT_CONTACTED = "supportContacted";

    @Recorded
    public static final String EXCHANGE_UNINSTALLED = "exchangeUninstalled";

    private LicenceVariables() {}
}
