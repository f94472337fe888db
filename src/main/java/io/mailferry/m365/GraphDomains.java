package io.mailferry.m365;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailferry.tenant.DomainVerification;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tenant's domains through Graph: adding one, the TXT value Microsoft asks for, verification, the MX target
 * Microsoft provisioned (read, never built: domains added since July 2026 get hosts under {@code *.mx.microsoft}) and
 * the initial {@code …onmicrosoft.com} domain.
 */
class GraphDomains {
    private final GraphClient graph;
    private volatile String initialDomain;

    GraphDomains(GraphClient graph) {
        this.graph = graph;
    }

    /** Adds the domain unless the tenant has it, then returns the TXT value that proves ownership. */
    String add(String domain) {
        if (find(domain).isEmpty()) {
            graph.post(GraphCall.ADD_DOMAIN, Map.of("id", domain), "/domains");
        }
        return verificationTxt(domain);
    }

    boolean isVerified(String domain) {
        return find(domain).map(d -> d.path("isVerified").asBoolean(false)).orElse(false);
    }

    Set<String> verified() {
        Set<String> names = new TreeSet<>();
        for (JsonNode domain : graph.list(GraphCall.READ_DOMAINS, Map.of(), "/domains?$select=id,isVerified")) {
            if (domain.path("isVerified").asBoolean(false)) {
                names.add(domain.path("id").asText().toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /**
     * Asks Microsoft to verify the domain. Graph answers 400 while the TXT record is not visible to Microsoft yet;
     * that is "not yet", with Microsoft's message and the value to publish, for the runbook's re-check loop.
     */
    DomainVerification verify(String domain) {
        Optional<JsonNode> found = find(domain);
        if (found.isEmpty()) {
            return new DomainVerification(false, domain + " has not been added to the tenant yet");
        }
        if (found.get().path("isVerified").asBoolean(false)) {
            return new DomainVerification(true, domain + " is verified");
        }
        try {
            JsonNode answer = graph.post(GraphCall.VERIFY_DOMAIN, null, "/domains/{id}/verify", domain);
            if (answer.path("isVerified").asBoolean(false)) {
                return new DomainVerification(true, "Microsoft 365 verified " + domain);
            }
            return new DomainVerification(
                    false, "Microsoft 365 has not verified " + domain + " yet. " + publish(domain));
        } catch (GraphException e) {
            if (e.status() != 400) {
                throw e;
            }
            String why = e.graphMessage() == null ? "" : " Microsoft says: " + e.graphMessage();
            return new DomainVerification(
                    false, "Microsoft 365 has not verified " + domain + " yet." + why + " " + publish(domain));
        }
    }

    private String publish(String domain) {
        return "Publish a TXT record at " + domain + " (host @) with the value " + verificationTxt(domain)
                + " and allow for the record's TTL before checking again.";
    }

    /** The mail exchanger Microsoft provisioned for the domain, exactly as {@code serviceConfigurationRecords} says. */
    String mxTarget(String domain) {
        List<JsonNode> records;
        try {
            records = graph.list(GraphCall.READ_DOMAINS, Map.of(), "/domains/{id}/serviceConfigurationRecords", domain);
        } catch (GraphException e) {
            if (e.notFound()) {
                throw new IllegalStateException(
                        domain + " has not been added to the Microsoft 365 tenant, so it has no MX target yet", e);
            }
            throw e;
        }
        return records.stream()
                .filter(r -> "mx".equalsIgnoreCase(r.path("recordType").asText()))
                .filter(r -> r.hasNonNull("mailExchange"))
                .min(Comparator.comparingInt(r -> r.path("preference").asInt(0)))
                .map(r -> r.path("mailExchange").asText())
                .orElseThrow(() -> new IllegalStateException("Microsoft 365 lists no MX record for " + domain
                        + ": the domain must be verified and have Exchange (Email) among its services"));
    }

    /** The organisation's {@code isInitial} domain; it never changes, so it is asked for once. */
    String initial() {
        String known = initialDomain;
        if (known != null) {
            return known;
        }
        JsonNode organizations = graph.get(GraphCall.READ_ORGANIZATION, "/organization?$select=verifiedDomains");
        for (JsonNode organization : organizations.path("value")) {
            for (JsonNode domain : organization.path("verifiedDomains")) {
                if (domain.path("isInitial").asBoolean(false)) {
                    initialDomain = domain.path("name").asText().toLowerCase(Locale.ROOT);
                    return initialDomain;
                }
            }
        }
        throw new IllegalStateException("Microsoft Graph lists no initial (…onmicrosoft.com) domain for the tenant");
    }

    private String verificationTxt(String domain) {
        return graph.list(GraphCall.READ_DOMAINS, Map.of(), "/domains/{id}/verificationDnsRecords", domain).stream()
                .filter(r -> "txt".equalsIgnoreCase(r.path("recordType").asText()))
                .map(r -> r.path("text").asText())
                .filter(t -> !t.isBlank())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "Microsoft 365 offers no TXT record to verify " + domain + " (only other record types)"));
    }

    private Optional<JsonNode> find(String domain) {
        try {
            return Optional.of(graph.get(GraphCall.READ_DOMAINS, "/domains/{id}", domain));
        } catch (GraphException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
