package io.mailferry.sourceendpoint;

import io.mailferry.process.Recorded;

/**
 * Names of the process variables of the PrepareSourceServer and ConnectSourceEndpoint steps
 * (ConfirmSourcePrepared.form, EnterMigrationEndpoint.form).
 */
public final class SourceEndpointVariables {
    /** Which runbook's checklist the preparation form shows: {@code cutover} or {@code staged}. */
    public static final String RUNBOOK = "runbook";

    public static final String SOURCE_HOST = "sourceHost";
    public static final String SOURCE_PORT = "sourcePort";
    /** TLS, STARTTLS or NONE. */
    public static final String SOURCE_SECURITY = "sourceSecurity";

    public static final String SOURCE_SERVER_READY = "sourceServerReady";
    public static final String SOURCE_SERVER_TEST_RESULT = "sourceServerTestResult";

    @Recorded
    public static final String IMAP_REACHABLE = "imapReachable";

    @Recorded
    public static final String TRUSTED_CERTIFICATE = "trustedCertificate";

    @Recorded
    public static final String OUTLOOK_ANYWHERE_ENABLED = "outlookAnywhereEnabled";

    @Recorded
    public static final String MIGRATION_PERMISSIONS = "migrationPermissions";

    @Recorded
    public static final String TARGET_ADDRESS_WRITABLE = "targetAddressWritable";

    @Recorded
    public static final String UNIFIED_MESSAGING_DISABLED = "unifiedMessagingDisabled";

    /** The migration administrator who signs in to the source server. */
    public static final String SOURCE_ADMIN_USER = "sourceAdminUser";
    /**
     * A {@code secret:…} reference to the password an operator stored for this server, never the password; not
     * used when {@link #USE_CONFIGURED_ADMINISTRATOR} is true.
     */
    public static final String SOURCE_CREDENTIAL_REF = "sourceCredentialRef";
    /**
     * True: the endpoint signs in as the administrator configured for this installation ({@code mailferry.source.*}),
     * whose password's reference stays in configuration.
     */
    public static final String USE_CONFIGURED_ADMINISTRATOR = "useConfiguredAdministrator";
    /** Shown on the forms: configuration lets the source server be used without encryption (allow-plaintext). */
    public static final String SOURCE_PLAINTEXT_ALLOWED = "sourcePlaintextAllowed";
    /** PROXY or SHARED_PASSWORD: how each mailbox is opened. */
    public static final String SOURCE_LOGIN_MODE = "sourceLoginMode";

    public static final String ENDPOINT_TEST_PASSED = "endpointTestPassed";
    public static final String ENDPOINT_TEST_RESULT = "endpointTestResult";

    private SourceEndpointVariables() {}
}
