package io.mailferry.tenant;

import io.mailferry.dns.MicrosoftRecords;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A tenant held in memory: the demo's and the tests' Microsoft 365. It behaves like the real one where the
 * runbooks depend on it: verification really looks at DNS, the licence pool runs out, names are validated.
 * Thread-safe; state is lost on restart.
 */
public class InMemoryTenant implements Tenant {
    private static final String TOKEN_PREFIX = "MS=ms";

    private final TenantProperties properties;
    private final TxtLookup txtLookup;
    private final Map<String, Boolean> domains = new LinkedHashMap<>();
    private final Map<String, String> users = new TreeMap<>();
    private final Set<String> licensed = new HashSet<>();
    private final Map<String, String> groups = new TreeMap<>();
    /** Groups reported missing, by lower-case name: the demo's administrator creates them before the next check. */
    private final Map<String, String> commandsShown = new LinkedHashMap<>();

    public InMemoryTenant(TenantProperties properties, TxtLookup txtLookup) {
        this.properties = properties;
        this.txtLookup = txtLookup;
    }

    @Override
    public synchronized String addDomain(String domain) {
        String name = TenantNames.domain(domain);
        domains.putIfAbsent(name, false);
        return token(name);
    }

    @Override
    public synchronized boolean isDomainVerified(String domain) {
        return domains.getOrDefault(TenantNames.domain(domain), false);
    }

    @Override
    public synchronized Set<String> verifiedDomains() {
        Set<String> verified = new TreeSet<>();
        domains.forEach((name, ok) -> {
            if (ok) {
                verified.add(name);
            }
        });
        return Collections.unmodifiableSet(verified);
    }

    /** The DNS lookup runs outside the lock, so a slow resolver does not stall the other operations. */
    @Override
    public DomainVerification verifyDomain(String domain) {
        String name = TenantNames.domain(domain);
        synchronized (this) {
            if (!domains.containsKey(name)) {
                return new DomainVerification(false, name + " has not been added to the tenant yet");
            }
            if (domains.get(name)) {
                return new DomainVerification(true, name + " is verified");
            }
        }
        String token = token(name);
        List<String> records;
        try {
            records = txtLookup.txt(name).stream().map(InMemoryTenant::unquote).toList();
        } catch (RuntimeException e) {
            return new DomainVerification(
                    false,
                    "Looking up the TXT records of " + name + " failed (" + e.getMessage() + "); will try again");
        }
        if (records.contains(token)) {
            synchronized (this) {
                domains.put(name, true);
            }
            return new DomainVerification(true, "Found TXT record " + token + " at " + name + "; domain verified");
        }
        return new DomainVerification(false, whyNot(name, token, records));
    }

    private static String whyNot(String name, String token, List<String> records) {
        String expected = "Publish a TXT record at " + name + " (host @) with the value " + token
                + " and allow for the record's TTL before checking again.";
        if (records.isEmpty()) {
            return "No TXT records are visible at " + name + " yet. " + expected;
        }
        List<String> otherTokens =
                records.stream().filter(r -> r.startsWith(TOKEN_PREFIX)).toList();
        if (!otherTokens.isEmpty()) {
            return "TXT record(s) " + otherTokens + " at " + name + " belong to another tenant or an older attempt. "
                    + expected;
        }
        return records.size() + " TXT record(s) at " + name + ", none of them " + token + ". " + expected;
    }

    @Override
    public String initialDomain() {
        if (properties.initialDomain() == null) {
            throw new IllegalStateException(
                    "The tenant's initial domain is not configured: set mailferry.tenant.initial-domain"
                            + " to its <name>.onmicrosoft.com domain");
        }
        return properties.initialDomain();
    }

    @Override
    public synchronized void createUser(String address, String displayName) {
        users.putIfAbsent(
                TenantNames.address(address), displayName == null || displayName.isBlank() ? address : displayName);
    }

    @Override
    public synchronized List<String> missingUsers(List<String> addresses) {
        return addresses.stream()
                .map(TenantNames::address)
                .distinct()
                .filter(a -> !users.containsKey(a))
                .toList();
    }

    @Override
    public synchronized LicenceResult assignLicences(List<String> addresses) {
        List<String> ok = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> noneLeft = new ArrayList<>();
        Set<String> distinct =
                new LinkedHashSet<>(addresses.stream().map(TenantNames::address).toList());
        for (String key : distinct) {
            if (!users.containsKey(key)) {
                unknown.add(key);
            } else if (licensed.contains(key) || licensed.size() < properties.licences()) {
                licensed.add(key);
                ok.add(key);
            } else {
                noneLeft.add(key);
            }
        }
        List<String> unlicensed = new ArrayList<>(unknown);
        unlicensed.addAll(noneLeft);
        return new LicenceResult(ok, unlicensed, licenceDetail(ok.size(), unknown, noneLeft));
    }

    private String licenceDetail(int ok, List<String> unknown, List<String> noneLeft) {
        StringBuilder detail = new StringBuilder(ok + " user(s) licensed");
        if (!noneLeft.isEmpty()) {
            detail.append("; ")
                    .append(noneLeft.size())
                    .append(" without a licence because all ")
                    .append(properties.licences())
                    .append(" licences of the tenant are in use");
        }
        detail.append(LicenceResult.notInTenant(unknown));
        return detail.toString();
    }

    @Override
    public synchronized List<String> unlicensedUsers(List<String> addresses) {
        return addresses.stream()
                .map(TenantNames::address)
                .filter(a -> !licensed.contains(a))
                .toList();
    }

    /**
     * The demo has no Exchange Online PowerShell: its administrator runs the commands the runbook showed, so a group
     * reported missing is there at the next check, as in a tenant whose administrator did their part. Names are all
     * validated before anything is looked up or changed.
     */
    @Override
    public synchronized List<MissingSecurityGroup> missingMailEnabledSecurityGroups(List<String> names) {
        List<String> valid = names.stream().map(TenantNames::groupName).toList();
        commandsShown.values().forEach(this::createMailEnabledSecurityGroup);
        commandsShown.clear();
        List<MissingSecurityGroup> missing = new ArrayList<>();
        for (String name : valid) {
            String key = name.toLowerCase(Locale.ROOT);
            if (!groups.containsKey(key) && commandsShown.putIfAbsent(key, name) == null) {
                missing.add(new MissingSecurityGroup(name, "not in the tenant"));
            }
        }
        return missing;
    }

    /** What {@code New-DistributionGroup -Type Security} does in Exchange Online: an empty group (idempotent). */
    public synchronized void createMailEnabledSecurityGroup(String name) {
        String valid = TenantNames.groupName(name);
        groups.putIfAbsent(valid.toLowerCase(Locale.ROOT), valid);
    }

    @Override
    public String mxTarget(String domain) {
        return MicrosoftRecords.mxHost(TenantNames.domain(domain));
    }

    /**
     * {@code user01@contoso.com} → {@code user01@contoso.onmicrosoft.com}: in the in-memory tenant every user's alias
     * is the local part of the address they are known by, so the guess is right by construction.
     */
    @Override
    public synchronized Optional<String> cloudRoutingAddress(String address) {
        String normalised = TenantNames.address(address);
        String initial = initialDomain();
        if (!users.containsKey(normalised)) {
            return Optional.empty();
        }
        // the stand-in gives each user the proxy address Microsoft 365 gives a synchronised user by default
        return Optional.of(normalised.substring(0, normalised.lastIndexOf('@') + 1) + initial);
    }

    public synchronized boolean userExists(String address) {
        return users.containsKey(TenantNames.address(address));
    }

    /** The tenant's first user in address order, if it has any. */
    public synchronized Optional<String> firstUser() {
        return users.isEmpty()
                ? Optional.empty()
                : Optional.of(users.keySet().iterator().next());
    }

    public synchronized List<String> groupNames() {
        return List.copyOf(groups.values());
    }

    public synchronized int licencesInUse() {
        return licensed.size();
    }

    /** Derived, not random, so the value an operator published survives a restart of the demo. */
    private String token(String domain) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((properties.id() + '\n' + domain).getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (hash[i] & 0xff);
            }
            return TOKEN_PREFIX + String.format("%08d", Math.floorMod(value, 100_000_000L));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Zone-file habits leak into lookups: {@code "MS=ms123"} with quotes is the same record. */
    private static String unquote(String record) {
        String trimmed = record.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
                ? trimmed.substring(1, trimmed.length() - 1)
                : trimmed;
    }
}
