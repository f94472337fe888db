package io.mailferry.m365;

import io.mailferry.tenant.DomainVerification;
import io.mailferry.tenant.LicenceResult;
import io.mailferry.tenant.MissingSecurityGroup;
import io.mailferry.tenant.Tenant;
import io.mailferry.tenant.TenantNames;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The production {@link Tenant}: a real Microsoft 365 tenant through Microsoft Graph v1.0. Names are validated and
 * normalised here as in the in-memory tenant, so both refuse the same input. Graph's refusals surface as
 * {@link GraphException}s that say what to fix. Mail-enabled security groups, which Graph cannot create, are only
 * looked up; the runbook shows an administrator the PowerShell command for those missing.
 */
public class GraphTenant implements Tenant {
    private final GraphDomains domains;
    private final GraphUsers users;
    private final GraphLicences licences;
    private final GraphGroups groups;

    GraphTenant(GraphClient graph, M365Properties properties) {
        this.domains = new GraphDomains(graph);
        this.users = new GraphUsers(graph, properties.usageLocation());
        this.licences = new GraphLicences(graph, users, properties.licenceSku());
        this.groups = new GraphGroups(graph);
    }

    @Override
    public String addDomain(String domain) {
        return domains.add(TenantNames.domain(domain));
    }

    @Override
    public boolean isDomainVerified(String domain) {
        return domains.isVerified(TenantNames.domain(domain));
    }

    @Override
    public Set<String> verifiedDomains() {
        return Collections.unmodifiableSet(domains.verified());
    }

    @Override
    public DomainVerification verifyDomain(String domain) {
        return domains.verify(TenantNames.domain(domain));
    }

    @Override
    public String initialDomain() {
        return domains.initial();
    }

    @Override
    public void createUser(String address, String displayName) {
        users.create(TenantNames.address(address), displayName);
    }

    @Override
    public List<String> missingUsers(List<String> addresses) {
        List<String> wanted =
                addresses.stream().map(TenantNames::address).distinct().toList();
        var found = users.find(wanted);
        return wanted.stream().filter(a -> !found.containsKey(a)).toList();
    }

    @Override
    public LicenceResult assignLicences(List<String> addresses) {
        return licences.assign(addresses.stream().map(TenantNames::address).toList());
    }

    @Override
    public List<String> unlicensedUsers(List<String> addresses) {
        return licences.unlicensed(addresses.stream().map(TenantNames::address).toList());
    }

    /** Graph cannot create mail-enabled security groups: this only looks each one up, after validating every name. */
    @Override
    public List<MissingSecurityGroup> missingMailEnabledSecurityGroups(List<String> names) {
        List<String> valid =
                names.stream().map(TenantNames::groupName).distinct().toList();
        return valid.stream().map(groups::missing).flatMap(Optional::stream).toList();
    }

    @Override
    public String mxTarget(String domain) {
        return domains.mxTarget(TenantNames.domain(domain));
    }

    @Override
    public Optional<String> cloudRoutingAddress(String address) {
        String normalised = TenantNames.address(address);
        return users.routingAddress(normalised, domains.initial());
    }

    /** One listing of all users for more than a few addresses, see {@link GraphUsers#find(Collection)}. */
    @Override
    public Map<String, String> cloudRoutingAddresses(Collection<String> addresses) {
        Map<String, String> byNormalised = new LinkedHashMap<>();
        addresses.forEach(a -> byNormalised.put(TenantNames.address(a), a));
        String initial = domains.initial();
        Map<String, String> found = new LinkedHashMap<>();
        users.find(byNormalised.keySet())
                .forEach((normalised, user) -> GraphUsers.routingAddress(user, initial)
                        .ifPresent(cloud -> found.put(byNormalised.get(normalised), cloud)));
        return found;
    }

    @Override
    public String toString() {
        return "GraphTenant";
    }
}
