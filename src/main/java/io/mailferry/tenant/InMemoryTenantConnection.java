package io.mailferry.tenant;

import java.util.List;
import java.util.Optional;

/**
 * The connection checks against the in-memory tenant (the demo's and the tests'): the same checks as against Microsoft
 * 365, answered by the stand-ins. No token or permission is needed; the licence pool must have a free licence, and
 * the test mailbox must be a user of the tenant, as the cloud mail server stand-in knows the same users.
 */
public class InMemoryTenantConnection implements TenantConnection {
    private final InMemoryTenant tenant;
    private final TenantProperties properties;

    public InMemoryTenantConnection(InMemoryTenant tenant, TenantProperties properties) {
        this.tenant = tenant;
        this.properties = properties;
    }

    @Override
    public ConnectionSettings settings() {
        return new ConnectionSettings(
                "the in-memory demo tenant " + properties.id() + " (mailferry.m365.tenant-id is not set)",
                "none: the in-memory tenant needs no Entra app",
                "none",
                "the demo's pool of " + properties.licences() + " licences (mailferry.tenant.licences)",
                true);
    }

    @Override
    public Optional<String> suggestedTestMailbox() {
        return tenant.firstUser();
    }

    @Override
    public List<ConnectionCheck> check(String testMailbox) {
        String noAuthority = "passed: the in-memory tenant grants every operation";
        int free = properties.licences() - tenant.licencesInUse();
        return List.of(
                ConnectionCheck.passed("Microsoft Graph token", "not needed: the in-memory tenant is in this process"),
                ConnectionCheck.passed("Domains (Domain.ReadWrite.All)", noAuthority),
                ConnectionCheck.passed("Users (User.ReadWrite.All)", noAuthority),
                ConnectionCheck.passed(
                        "Licences (Organization.Read.All, LicenseAssignment.ReadWrite.All)", noAuthority),
                free > 0
                        ? ConnectionCheck.passed(
                                "Free licences", free + " of " + properties.licences() + " licences are free")
                        : ConnectionCheck.failed(
                                "Free licences",
                                "all " + properties.licences()
                                        + " licences are in use: raise mailferry.tenant.licences"),
                ConnectionCheck.passed("Groups (GroupMember.Read.All)", noAuthority),
                ConnectionCheck.passed(
                        "Exchange Online token (IMAP.AccessAsApp)", "not needed: the demo's cloud mail server"),
                signIn(testMailbox));
    }

    private ConnectionCheck signIn(String testMailbox) {
        Optional<ConnectionCheck> invalid = ConnectionCheck.invalidMailbox(testMailbox);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        String name = ConnectionCheck.signInName(TenantNames.address(testMailbox));
        if (tenant.firstUser().isEmpty()) {
            // an in-memory tenant outside the demo starts empty: the cutover's step 4 creates its users
            return ConnectionCheck.passed(
                    name,
                    "the in-memory tenant has no users yet (the runbook creates them), so there is no mailbox"
                            + " to sign in to");
        }
        return tenant.userExists(testMailbox)
                ? ConnectionCheck.passed(name, "the mailbox is in the tenant")
                : ConnectionCheck.failed(
                        name,
                        "the tenant has no mailbox " + TenantNames.address(testMailbox)
                                + "; choose a mailbox of the tenant"
                                + tenant.firstUser().map(u -> ", e.g. " + u).orElse(""));
    }
}
