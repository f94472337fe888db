package io.mailferry.m365;

/**
 * Every Microsoft Graph call Mailferry makes, with the least-privileged application permission Microsoft documents
 * for it (learn.microsoft.com/graph/api/…, "Permissions"), so that a refusal can name exactly what to grant.
 * docs/microsoft365.md lists the same permissions for the administrator.
 */
enum GraphCall {
    READ_DOMAINS("read the tenant's domains", "Domain.Read.All"),
    ADD_DOMAIN("add the domain", "Domain.ReadWrite.All"),
    VERIFY_DOMAIN("verify the domain", "Domain.ReadWrite.All"),
    READ_ORGANIZATION("read the organization's initial domain", "Organization.Read.All"),
    READ_USERS("look users up", "User.Read.All"),
    CREATE_USER("create the user", "User.ReadWrite.All"),
    SET_USAGE_LOCATION("set the user's usage location", "User.ReadWrite.All"),
    READ_SUBSCRIBED_SKUS("read the tenant's licences (subscribedSkus)", "Organization.Read.All"),
    ASSIGN_LICENCE("assign a licence", "LicenseAssignment.ReadWrite.All"),
    READ_GROUPS("look groups up", "GroupMember.Read.All"),
    // what "Connect to Microsoft 365" reads to test a grant: named after the permission the runbooks' writes need
    TEST_DOMAINS("test the permission to manage domains", "Domain.ReadWrite.All"),
    TEST_USERS("test the permission to manage users", "User.ReadWrite.All");

    private final String purpose;
    private final String permission;

    GraphCall(String purpose, String permission) {
        this.purpose = purpose;
        this.permission = permission;
    }

    String purpose() {
        return purpose;
    }

    String permission() {
        return permission;
    }
}
