package io.mailferry.domainverification;

import io.mailferry.process.Recorded;

/** Names of the VerifyDomain step's process variables (processes/VerifyDomain.bpmn, PublishVerificationRecord.form). */
public final class VerifyDomainVariables {
    /**
     * The value Microsoft 365 asks to find in the domain's TXT record, e.g. {@code MS=ms12345678}; for the history
     * only, the publishing step asks the tenant again, so setting this variable changes nothing.
     */
    @Recorded
    public static final String VERIFICATION_TXT = "verificationTxt";
    /** The whole TXT record as a zone-file line, for the operator. */
    public static final String VERIFICATION_RECORD = "verificationRecord";
    /** The operator's choice: Mailferry publishes the record by RFC 2136 update. */
    public static final String PUBLISH_AUTOMATICALLY = "publishAutomatically";

    @Recorded
    public static final String VERIFICATION_RECORD_PUBLISHED = "verificationRecordPublished";

    public static final String DOMAIN_VERIFIED = "domainVerified";
    /** Microsoft 365's explanation when the domain is not verified yet. */
    public static final String DOMAIN_VERIFICATION_STATUS = "domainVerificationStatus";
    /** Checks since the operator last published (or looked at) the record. */
    public static final String DOMAIN_CHECKS = "domainChecks";

    public static final String DOMAIN_RECHECK_TEXT = "domainRecheckText";

    private VerifyDomainVariables() {}
}
