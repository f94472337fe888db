package io.mailferry.tenantconnection;

/**
 * Names of the process variables of the ConnectMicrosoft365 step (ConnectMicrosoft365.form). The settings are shown,
 * never read back: the checks use configuration, so what a variable says cannot change what is tested.
 */
public final class TenantConnectionVariables {
    /** Shown: the tenant Mailferry is configured for ({@code mailferry.m365.tenant-id}), inert Markdown. */
    public static final String M365_TENANT = "m365Tenant";
    /** Shown: the Entra app's Application (client) ID. */
    public static final String M365_CLIENT_ID = "m365ClientId";
    /** Shown: how the app proves itself (a certificate file, or that a client secret is configured), never a secret. */
    public static final String M365_CREDENTIAL = "m365Credential";
    /** Shown: the licence Mailferry assigns ({@code mailferry.m365.licence-sku}). */
    public static final String M365_LICENCE_SKU = "m365LicenceSku";
    /** Shown: true when the in-memory demo tenant serves instead of Microsoft 365. */
    public static final String M365_IN_MEMORY = "m365InMemory";

    /** The operator's only input: a mailbox in Exchange Online to sign in to with XOAUTH2. */
    public static final String M365_TEST_MAILBOX = "m365TestMailbox";

    /** Every check passed at the last test. */
    public static final String M365_CONNECTED = "m365Connected";
    /** Per check what passed and what to fix, inert Markdown. */
    public static final String M365_CHECK_RESULTS = "m365CheckResults";

    private TenantConnectionVariables() {}
}
