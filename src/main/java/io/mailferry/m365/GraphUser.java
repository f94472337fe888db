package io.mailferry.m365;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A user of the tenant as Mailferry needs them: every address they are known by (UPN, mail, SMTP proxy addresses,
 * lower-case), their licences' SKU IDs and their usage location.
 */
record GraphUser(String id, Set<String> addresses, List<String> smtpProxies, Set<String> skuIds, String usageLocation) {
    /** What Mailferry selects of a user, for {@link #of(JsonNode)}. */
    static final String SELECT = "id,userPrincipalName,mail,proxyAddresses,assignedLicenses,usageLocation";

    private static final String SMTP = "smtp:";

    static GraphUser of(JsonNode user) {
        Set<String> addresses = new LinkedHashSet<>();
        addIfPresent(addresses, user.path("userPrincipalName"));
        addIfPresent(addresses, user.path("mail"));
        List<String> proxies = new ArrayList<>();
        for (JsonNode proxy : user.path("proxyAddresses")) {
            String value = proxy.asText();
            // SMTP: is the primary address, smtp: the others; X500:, SIP: and the like are no mail addresses
            if (value.regionMatches(true, 0, SMTP, 0, SMTP.length())) {
                String address = value.substring(SMTP.length()).toLowerCase(Locale.ROOT);
                proxies.add(address);
                addresses.add(address);
            }
        }
        Set<String> skus = new LinkedHashSet<>();
        for (JsonNode licence : user.path("assignedLicenses")) {
            skus.add(licence.path("skuId").asText().toLowerCase(Locale.ROOT));
        }
        JsonNode location = user.path("usageLocation");
        return new GraphUser(
                user.path("id").asText(),
                addresses,
                List.copyOf(proxies),
                skus,
                location.isTextual() && !location.asText().isBlank() ? location.asText() : null);
    }

    boolean holds(String skuId) {
        return skuIds.contains(skuId.toLowerCase(Locale.ROOT));
    }

    private static void addIfPresent(Set<String> addresses, JsonNode value) {
        if (value.isTextual() && !value.asText().isBlank()) {
            addresses.add(value.asText().toLowerCase(Locale.ROOT));
        }
    }
}
