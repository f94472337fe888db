package io.mailferry.m365;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Users of the tenant through Graph, found by any of their addresses (UPN, mail, proxy addresses), created where a
 * runbook needs them, and their cloud routing address. Addresses given here are already normalised (lower-case).
 */
class GraphUsers {
    /** Up to this many addresses are looked up one by one; more cost fewer calls with one listing of all users. */
    static final int LOOKUPS_BEFORE_LISTING = 20;

    private static final String PASSWORD_CHARACTERS =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%+-=?@_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final GraphClient graph;
    private final String usageLocation;

    GraphUsers(GraphClient graph, String usageLocation) {
        this.graph = graph;
        this.usageLocation = usageLocation;
    }

    /**
     * The user known by {@code address}. Graph's directory may refuse the combined filter as an "advanced query";
     * then it is asked again with {@code ConsistencyLevel: eventual}, as Microsoft documents.
     */
    Optional<GraphUser> find(String address) {
        String quoted = address.replace("'", "''"); // OData string literal: a quote is doubled
        String filter = "userPrincipalName eq '" + quoted + "' or mail eq '" + quoted
                + "' or proxyAddresses/any(x:x eq 'smtp:" + quoted + "')";
        List<JsonNode> found;
        try {
            found = graph.list(
                    GraphCall.READ_USERS, Map.of(), "/users?$filter={f}&$select=" + GraphUser.SELECT, filter);
        } catch (GraphException e) {
            if (!"Request_UnsupportedQuery".equals(e.code())) {
                throw e;
            }
            found = graph.list(
                    GraphCall.READ_USERS,
                    Map.of("ConsistencyLevel", "eventual"),
                    "/users?$filter={f}&$count=true&$select=" + GraphUser.SELECT,
                    filter);
        }
        return found.stream()
                .map(GraphUser::of)
                .filter(u -> u.addresses().contains(address))
                .findFirst();
    }

    /** The users known by {@code addresses}, keyed by the address; addresses without a user are left out. */
    Map<String, GraphUser> find(Collection<String> addresses) {
        Set<String> wanted = new LinkedHashSet<>(addresses);
        Map<String, GraphUser> users = new LinkedHashMap<>();
        if (wanted.size() <= LOOKUPS_BEFORE_LISTING) {
            wanted.forEach(a -> find(a).ifPresent(u -> users.put(a, u)));
            return users;
        }
        for (JsonNode item :
                graph.list(GraphCall.READ_USERS, Map.of(), "/users?$top=999&$select=" + GraphUser.SELECT)) {
            GraphUser user = GraphUser.of(item);
            user.addresses().stream().filter(wanted::contains).forEach(a -> users.put(a, user));
        }
        return users;
    }

    /**
     * Creates the user with the address as UPN unless a user has that address already. The password is random and
     * must be changed at first sign-in; no one learns it (the administrator resets it, or single sign-on applies).
     * When Graph refuses because someone else created the user meanwhile (directory synchronisation), that is fine.
     */
    void create(String address, String displayName) {
        if (find(address).isPresent()) {
            return;
        }
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("accountEnabled", true);
        user.put("displayName", displayName == null || displayName.isBlank() ? address : displayName.strip());
        user.put("mailNickname", address.substring(0, address.lastIndexOf('@')));
        user.put("userPrincipalName", address);
        user.put("passwordProfile", Map.of("forceChangePasswordNextSignIn", true, "password", randomPassword()));
        if (usageLocation != null) {
            user.put("usageLocation", usageLocation);
        }
        try {
            graph.post(GraphCall.CREATE_USER, user, "/users");
        } catch (GraphException e) {
            if (e.status() != 400 || find(address).isEmpty()) {
                throw e;
            }
        }
    }

    /** Licensed users need a usage location; a user created by directory synchronisation often has none. */
    void ensureUsageLocation(GraphUser user) {
        if (user.usageLocation() != null) {
            return;
        }
        if (usageLocation == null) {
            throw new IllegalStateException("A user without a usage location cannot be licensed: set"
                    + " mailferry.m365.usage-location to the users' country (e.g. DE)");
        }
        graph.patch(GraphCall.SET_USAGE_LOCATION, Map.of("usageLocation", usageLocation), "/users/{id}", user.id());
    }

    /** The user's SMTP proxy address in the tenant's initial domain, else in another {@code onmicrosoft.com} one. */
    Optional<String> routingAddress(String address, String initialDomain) {
        return find(address).flatMap(user -> routingAddress(user, initialDomain));
    }

    /** {@link #routingAddress(String, String)} of a user already found. */
    static Optional<String> routingAddress(GraphUser user, String initialDomain) {
        List<String> proxies = user.smtpProxies();
        return proxies.stream()
                .filter(p -> p.endsWith("@" + initialDomain))
                .findFirst()
                .or(() -> proxies.stream()
                        .filter(p -> p.endsWith(".onmicrosoft.com"))
                        .findFirst());
    }

    /** 24 characters with all four character classes, well beyond Entra ID's password policy. */
    static String randomPassword() {
        StringBuilder password = new StringBuilder("Aa2!");
        for (int i = 0; i < 20; i++) {
            password.append(PASSWORD_CHARACTERS.charAt(RANDOM.nextInt(PASSWORD_CHARACTERS.length())));
        }
        for (int i = password.length() - 1; i > 0; i--) {
            int j = RANDOM.nextInt(i + 1);
            char c = password.charAt(i);
            password.setCharAt(i, password.charAt(j));
            password.setCharAt(j, c);
        }
        return password.toString();
    }
}
