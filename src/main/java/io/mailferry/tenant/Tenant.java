package io.mailferry.tenant;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The operations of the runbooks on the Microsoft 365 tenant. Addresses and domains are case-insensitive. */
public interface Tenant {

    /** Adds {@code domain} (idempotent) and returns the TXT value that proves ownership, {@code MS=ms<8 digits>}. */
    String addDomain(String domain);

    boolean isDomainVerified(String domain);

    /** The domains the organisation has proven it owns, lower-case: mailbox lists may only name these. */
    Set<String> verifiedDomains();

    /** Looks the domain's TXT records up itself; when not verified, the detail says why not yet. */
    DomainVerification verifyDomain(String domain);

    /**
     * The tenant's initial domain, e.g. {@code contoso.onmicrosoft.com}: every cloud mailbox has an address in it, so
     * an on-premises mail-enabled user can forward there. IllegalStateException when it is not configured.
     */
    String initialDomain();

    /** Creates the user unless it exists (idempotent). */
    void createUser(String address, String displayName);

    /**
     * Those of {@code addresses} that are not users of the tenant — directory synchronisation has not created them
     * (yet) — lower-case, in the given order, each once.
     */
    List<String> missingUsers(List<String> addresses);

    /** Licenses as many of the users as the pool allows; users already licensed count as licensed. */
    LicenceResult assignLicences(List<String> addresses);

    /** Those of {@code addresses} that hold no licence (including unknown users), in the given order. */
    List<String> unlicensedUsers(List<String> addresses);

    /**
     * Those of the mail-enabled security groups {@code names} the tenant does not have, mail-enabled and
     * security-enabled, each with why, in the given order. Microsoft Graph can read these groups but not create them,
     * so an administrator creates the missing ones ({@link ExchangePowerShell#newSecurityGroup}). Names compare
     * case-insensitively; IllegalArgumentException (naming it) for a name Exchange would refuse.
     */
    List<MissingSecurityGroup> missingMailEnabledSecurityGroups(List<String> names);

    /** The host name the domain's MX record must point to once mail flows to Microsoft 365. */
    String mxTarget(String domain);

    /**
     * The address that reaches {@code address}'s cloud mailbox whatever the organisation's own domains do: the user's
     * proxy address in the tenant's {@code …onmicrosoft.com} domain, lower-case. An on-premises mail-enabled user
     * forwards there once the mailbox has moved. Empty when the tenant has no user with that address or the user has
     * no such proxy address, so the caller can refuse rather than guess.
     */
    Optional<String> cloudRoutingAddress(String address);

    /**
     * {@link #cloudRoutingAddress} for many addresses, keyed by the address as given; addresses without one are left
     * out. A tenant behind a remote API answers with few calls however many there are.
     */
    default Map<String, String> cloudRoutingAddresses(Collection<String> addresses) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String address : addresses) {
            cloudRoutingAddress(address).ifPresent(cloud -> found.put(address, cloud));
        }
        return found;
    }
}
