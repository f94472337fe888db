package io.mailferry.domainverification;

/** The ids of the VerifyDomain model (processes/VerifyDomain.bpmn), spelled once for Java and the tests. */
public final class VerifyDomainIds {
    public static final String PROCESS = "VerifyDomain";
    public static final String START_EVENT_DOMAIN_VERIFICATION_REQUESTED = "StartEvent_DomainVerificationRequested";
    public static final String TASK_ADD_DOMAIN_TO_TENANT = "Task_AddDomainToTenant";
    public static final String TASK_PUBLISH_VERIFICATION_RECORD = "Task_PublishVerificationRecord";
    public static final String GATEWAY_PUBLISH_VERIFICATION_AUTOMATICALLY = "Gateway_PublishVerificationAutomatically";
    public static final String TASK_PUBLISH_VERIFICATION_TXT = "Task_PublishVerificationTxt";
    public static final String GATEWAY_VERIFICATION_RECORD_PUBLISHED = "Gateway_VerificationRecordPublished";
    public static final String TASK_CHECK_DOMAIN_VERIFICATION = "Task_CheckDomainVerification";
    public static final String GATEWAY_DOMAIN_VERIFIED = "Gateway_DomainVerified";
    public static final String TIMER_EVENT_DOMAIN_RECHECK_DELAY = "TimerEvent_DomainRecheckDelay";
    public static final String END_EVENT_DOMAIN_VERIFIED = "EndEvent_DomainVerified";

    private VerifyDomainIds() {}
}
