package io.mailferry.m365;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailferry.tenant.LicenceResult;
import io.mailferry.text.Shown;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Licences through Graph: the configured SKU ({@code mailferry.m365.licence-sku}, a {@code skuPartNumber}) looked up
 * in {@code subscribedSkus}, its free units (enabled minus consumed), and {@code assignLicense}. A user counts as
 * licensed when they hold that SKU.
 */
class GraphLicences {
    private final GraphClient graph;
    private final GraphUsers users;
    private final String skuPartNumber;

    GraphLicences(GraphClient graph, GraphUsers users, String skuPartNumber) {
        this.graph = graph;
        this.users = users;
        this.skuPartNumber = skuPartNumber;
    }

    record Sku(String id, String partNumber, long enabled, long consumed, String status) {
        /** A suspended or lapsed subscription keeps its units but assigns none. */
        long free() {
            boolean usable = status.equalsIgnoreCase("Enabled") || status.equalsIgnoreCase("Warning");
            return usable ? Math.max(0, enabled - consumed) : 0;
        }
    }

    Sku sku() {
        if (skuPartNumber == null) {
            throw new IllegalStateException("Set mailferry.m365.licence-sku to the skuPartNumber of the licence"
                    + " Mailferry assigns (e.g. EXCHANGESTANDARD); the tenant has " + available());
        }
        return skus().stream()
                .filter(s -> s.partNumber().equalsIgnoreCase(skuPartNumber))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The tenant has no licence with skuPartNumber "
                        + skuPartNumber + " (mailferry.m365.licence-sku); it has " + available()));
    }

    /** Every subscription of the tenant ({@code subscribedSkus}). */
    List<Sku> skus() {
        List<Sku> skus = new ArrayList<>();
        for (JsonNode sku : graph.list(GraphCall.READ_SUBSCRIBED_SKUS, Map.of(), "/subscribedSkus")) {
            skus.add(new Sku(
                    sku.path("skuId").asText().toLowerCase(Locale.ROOT),
                    sku.path("skuPartNumber").asText(),
                    sku.path("prepaidUnits").path("enabled").asLong(0),
                    sku.path("consumedUnits").asLong(0),
                    sku.path("capabilityStatus").asText("Enabled")));
        }
        return skus;
    }

    private String available() {
        return available(skus());
    }

    /** "ENTERPRISEPACK (3 free), …", or "no licences at all". */
    static String available(List<Sku> skus) {
        return skus.isEmpty()
                ? "no licences at all"
                : skus.stream()
                        .map(s -> s.partNumber() + " (" + s.free() + " free)")
                        .collect(Collectors.joining(", "));
    }

    LicenceResult assign(List<String> addresses) {
        Sku sku = sku();
        List<String> distinct = List.copyOf(new LinkedHashSet<>(addresses));
        Map<String, GraphUser> found = users.find(distinct);
        List<String> licensed = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> noneLeft = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        long free = sku.free();
        for (String address : distinct) {
            GraphUser user = found.get(address);
            if (user == null) {
                unknown.add(address);
            } else if (user.holds(sku.id())) {
                licensed.add(address);
            } else if (free <= 0) {
                noneLeft.add(address);
            } else {
                try {
                    users.ensureUsageLocation(user);
                    graph.post(
                            GraphCall.ASSIGN_LICENCE,
                            Map.of(
                                    "addLicenses",
                                    List.of(Map.of("skuId", sku.id(), "disabledPlans", List.of())),
                                    "removeLicenses",
                                    List.of()),
                            "/users/{id}/assignLicense",
                            user.id());
                    licensed.add(address);
                    free--;
                } catch (GraphException e) {
                    if (e.status() != 400) {
                        throw e; // a permission or service problem concerns every user: the step fails
                    }
                    refused.add(address);
                    refusals.add(address + ": " + e.graphMessage());
                }
            }
        }
        List<String> unlicensed = new ArrayList<>(unknown);
        unlicensed.addAll(noneLeft);
        unlicensed.addAll(refused);
        return new LicenceResult(licensed, unlicensed, detail(sku, licensed.size(), unknown, noneLeft, refusals));
    }

    List<String> unlicensed(List<String> addresses) {
        Sku sku = sku();
        Map<String, GraphUser> found = users.find(addresses);
        return addresses.stream()
                .filter(a -> found.get(a) == null || !found.get(a).holds(sku.id()))
                .toList();
    }

    private static String detail(Sku sku, int ok, List<String> unknown, List<String> noneLeft, List<String> refusals) {
        StringBuilder detail = new StringBuilder(ok + " user(s) licensed with " + sku.partNumber());
        if (!noneLeft.isEmpty()) {
            detail.append("; ")
                    .append(noneLeft.size())
                    .append(" without a licence because ")
                    .append(sku.partNumber())
                    .append(" has no free units left (")
                    .append(sku.enabled())
                    .append(" enabled")
                    .append(sku.status().equalsIgnoreCase("Enabled") ? "" : ", subscription " + sku.status())
                    .append(")");
        }
        if (!refusals.isEmpty()) {
            detail.append("; ")
                    .append(refusals.size())
                    .append(" refused by Microsoft 365:\n")
                    .append(Shown.firstOf(refusals));
        }
        detail.append(LicenceResult.notInTenant(unknown));
        return detail.toString();
    }
}
