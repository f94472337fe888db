package io.mailferry.mailrouting;

import io.mailferry.process.Recorded;

/**
 * Names of the process variables of the SwitchMailRouting and VerifyMailRouting steps (LowerMxTtl.form,
 * WaitForTtlExpiry.form, ChangeMxAndAutodiscover.form, ResolveDnsChangeFailure.form, WaitForMxPropagation.form,
 * ConfirmFinalDeltaSync.form).
 */
public final class MailRoutingVariables {
    // The MX as it is before the switch, and the optional TTL reduction
    public static final String MX_TTL = "mxTtl";
    public static final String MX_TTL_TEXT = "mxTtlText";
    public static final String MX_TTL_ABOVE_HOUR = "mxTtlAboveHour";
    public static final String CURRENT_MX_HOST = "currentMxHost";
    public static final String CURRENT_MX_STATE = "currentMxState";
    public static final String MX_RECORDS_AT_HOUR_TTL = "mxRecordsAtHourTtl";
    /** automatic, byOperator or skip. */
    public static final String TTL_REDUCTION = "ttlReduction";

    public static final String MX_TTL_LOWERED = "mxTtlLowered";
    /** What each authoritative server serves while the TTL lowered by hand is not everywhere yet. */
    public static final String MX_TTL_CHECK = "mxTtlCheck";

    // The TTL wait
    @Recorded
    public static final String TTL_CHANGED_AT = "ttlChangedAt";

    public static final String TTL_CHANGED_AT_TEXT = "ttlChangedAtText";
    public static final String TTL_WAIT_UNTIL = "ttlWaitUntil";
    public static final String TTL_WAIT_UNTIL_TEXT = "ttlWaitUntilText";
    public static final String TTL_EARLY_COMPLETION_REASON = "ttlEarlyCompletionReason";
    public static final String TTL_DNS_NOW = "ttlDnsNow";
    public static final String TTL_WAIT_MAY_END = "ttlWaitMayEnd";
    public static final String TTL_WAIT_REFUSAL = "ttlWaitRefusal";

    // The records to set and what DNS answers before the change
    public static final String MX_RECORD = "mxRecord";
    /**
     * The Microsoft 365 MX host the domain's MX must point at, for the history only: the steps that change and check
     * the MX ask the tenant again ({@link RoutingRecords}), so setting this variable changes nothing.
     */
    @Recorded
    public static final String MX_TARGET_HOST = "mxTargetHost";

    public static final String AUTODISCOVER_RECORD = "autodiscoverRecord";
    public static final String CURRENT_DNS_STATE = "currentDnsState";
    public static final String MX_TTL_BEFORE_CHANGE = "mxTtlBeforeChange";
    public static final String MX_TTL_BEFORE_CHANGE_TEXT = "mxTtlBeforeChangeText";
    public static final String AUTODISCOVER_TTL_BEFORE_CHANGE = "autodiscoverTtlBeforeChange";
    public static final String AUTODISCOVER_TTL_BEFORE_CHANGE_TEXT = "autodiscoverTtlBeforeChangeText";
    public static final String SPF_TTL_BEFORE_CHANGE = "spfTtlBeforeChange";
    public static final String SPF_TTL_BEFORE_CHANGE_TEXT = "spfTtlBeforeChangeText";
    public static final String SPF_INCLUDE_OFFERED = "spfIncludeOffered";
    public static final String SPF_STATUS = "spfStatus";
    public static final String SPF_RECORD_BEFORE = "spfRecordBefore";
    public static final String SPF_RECORD_AFTER = "spfRecordAfter";

    // The operator's change
    public static final String CHANGE_SPF = "changeSpf";
    public static final String APPLY_DNS_AUTOMATICALLY = "applyDnsAutomatically";

    @Recorded
    public static final String DNS_RECORDS_CHANGED = "dnsRecordsChanged";

    /** Why a change by RFC 2136 update (or its rollback) failed, escaped and capped for the form. */
    public static final String DNS_CHANGE_FAILURE = "dnsChangeFailure";
    /** This switch's changes from the change log, before and after, escaped and capped for the form. */
    public static final String DNS_CHANGES_MADE = "dnsChangesMade";
    /** rollBack or retry, the operator's answer to a failed change. */
    public static final String DNS_CHANGE_RESOLUTION = "dnsChangeResolution";

    public static final String DNS_CHANGES_VISIBLE = "dnsChangesVisible";
    /** What each authoritative server answers while the records changed by hand are not everywhere yet. */
    public static final String DNS_CHANGE_CHECK = "dnsChangeCheck";

    // The MX propagation wait
    /** When mail started going to Microsoft 365. */
    public static final String MX_CHANGED_AT = "mxChangedAt";

    public static final String MX_CHANGED_AT_TEXT = "mxChangedAtText";
    public static final String MX_WAIT_UNTIL = "mxWaitUntil";
    public static final String MX_WAIT_UNTIL_TEXT = "mxWaitUntilText";
    public static final String TTLS_BEFORE_CHANGE_TEXT = "ttlsBeforeChangeText";
    public static final String EARLY_COMPLETION_REASON = "earlyCompletionReason";
    public static final String MX_DNS_NOW = "mxDnsNow";
    public static final String MX_WAIT_MAY_END = "mxWaitMayEnd";
    public static final String MX_WAIT_REFUSAL = "mxWaitRefusal";

    // Routing verification
    public static final String ROUTING_VERIFIED = "routingVerified";
    /** What every server and resolver answers, one line each. */
    public static final String ROUTING_STATUS = "routingStatus";

    @Recorded
    public static final String ROUTING_VERIFIED_AT = "routingVerifiedAt";

    public static final String ROUTING_CHECKS = "routingChecks";
    /** Why the last routing check failed, shown again on the record change. */
    public static final String ROUTING_ERROR = "routingError";

    private MailRoutingVariables() {}
}
