package io.mailferry.m365;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Microsoft Graph v1.0 for one tenant, as far as Mailferry uses it, for the test rig: the calls of {@link GraphCall}
 * with the request and response bodies, status codes and error envelopes Microsoft documents on each call's page
 * (learn.microsoft.com/graph/api/…), keeping state between calls as a tenant does. It checks each app-only token
 * ({@link AppTokenCheck}) and answers 403 {@code Authorization_RequestDenied} when its roles hold none of the
 * application permissions the call accepts. Domain verification looks the TXT record up in real DNS, as Microsoft
 * does. What Graph cannot do, creating a mail-enabled security group, is {@link #newDistributionGroup}: the
 * administrator's {@code New-DistributionGroup} in Exchange Online PowerShell. Every call is recorded in order.
 */
public final class GraphStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern USER_FILTER = Pattern.compile("userPrincipalName eq '((?:[^']|'')*)' or mail eq"
            + " '((?:[^']|'')*)' or proxyAddresses/any\\(x:x eq 'smtp:((?:[^']|'')*)'\\)");
    private static final Pattern GROUP_FILTER = Pattern.compile("displayName eq '((?:[^']|'')*)'");
    /** Graph pages users by 100 unless $top says otherwise (up to 999). */
    private static final int PAGE = 100;

    /** The application permissions each call accepts, least privileged first, from each call's documentation. */
    private static final Map<GraphCall, Set<String>> ACCEPTED = Map.of(
            GraphCall.READ_DOMAINS, Set.of("Domain.Read.All", "Domain.ReadWrite.All", "Directory.Read.All"),
            GraphCall.ADD_DOMAIN, Set.of("Domain.ReadWrite.All"),
            GraphCall.VERIFY_DOMAIN, Set.of("Domain.ReadWrite.All"),
            GraphCall.READ_ORGANIZATION, Set.of("Organization.Read.All", "Directory.Read.All"),
            GraphCall.READ_USERS, Set.of("User.Read.All", "User.ReadWrite.All", "Directory.Read.All"),
            GraphCall.CREATE_USER, Set.of("User.ReadWrite.All", "Directory.ReadWrite.All"),
            GraphCall.SET_USAGE_LOCATION, Set.of("User.ReadWrite.All", "Directory.ReadWrite.All"),
            GraphCall.READ_SUBSCRIBED_SKUS,
                    Set.of("LicenseAssignment.Read.All", "Organization.Read.All", "Directory.Read.All"),
            GraphCall.ASSIGN_LICENCE,
                    Set.of("LicenseAssignment.ReadWrite.All", "User.ReadWrite.All", "Directory.ReadWrite.All"),
            GraphCall.READ_GROUPS, Set.of("GroupMember.Read.All", "Group.Read.All", "Directory.Read.All"));

    private final AppTokenCheck tokens;
    private final String initialDomain;
    private final Function<String, List<String>> txt;
    private final String skuId = UUID.randomUUID().toString();
    private final String skuPartNumber;
    private final int licences;
    private final Map<String, ObjectNode> domains = new LinkedHashMap<>();
    private final Map<String, ObjectNode> users = new LinkedHashMap<>();
    private final Map<String, ObjectNode> groups = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int throttleEvery;
    private volatile int maxPage = 999;
    private final HttpsServer server;

    /**
     * @param txt the TXT records at a name, from the DNS the domain is published in
     * @param keyStore a PKCS #12 key store with the server's certificate (password {@code changeit})
     */
    public GraphStandIn(
            AppTokenCheck tokens,
            String initialDomain,
            String skuPartNumber,
            int licences,
            Function<String, List<String>> txt,
            Path keyStore)
            throws IOException {
        this(tokens, initialDomain, skuPartNumber, licences, txt, keyStore, 0);
    }

    /** On {@code port} of 127.0.0.1 (0: a free one), for a rig run by hand with fixed settings. */
    public GraphStandIn(
            AppTokenCheck tokens,
            String initialDomain,
            String skuPartNumber,
            int licences,
            Function<String, List<String>> txt,
            Path keyStore,
            int port)
            throws IOException {
        this.tokens = tokens;
        this.initialDomain = initialDomain;
        this.skuPartNumber = skuPartNumber;
        this.licences = licences;
        this.txt = txt;
        ObjectNode initial = domain(initialDomain);
        initial.put("isVerified", true).put("isInitial", true);
        domains.put(initialDomain, initial);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(sslContext(keyStore)));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/v1.0/", this::handle);
        server.start();
    }

    /** What {@code mailferry.m365.graph-url} is set to. */
    public String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/v1.0";
    }

    /** Answers every n-th request with 429 and {@code Retry-After: 1}, as Graph's throttling does; 0: never. */
    public void throttleEvery(int n) {
        throttleEvery = n;
    }

    /** Returns at most this many users per page, whatever $top asks: Graph may return fewer than asked. */
    public void maxPage(int users) {
        maxPage = users;
    }

    /** Each call so far, as {@code METHOD /path} without the query, in order. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** A user directory synchronisation brought in: UPN and mail {@code address}, proxy addresses as Entra gives. */
    public synchronized void synchronisedUser(String address, String displayName) {
        String upn = address.toLowerCase(Locale.ROOT);
        synchronisedUser(upn, displayName, upn.substring(0, upn.indexOf('@')));
    }

    /**
     * As {@link #synchronisedUser(String, String)}, for a user whose alias ({@code mailNickname}) is not the local part
     * of the address: the routing address in the initial domain is {@code alias@<initial domain>}, which no one can
     * derive from the address.
     */
    public synchronized void synchronisedUser(String address, String displayName, String alias) {
        ObjectNode user = newUser(address.toLowerCase(Locale.ROOT), displayName, alias);
        users.put(user.path("id").asText(), user);
    }

    /** {@code New-DistributionGroup -Type Security -Name name} in Exchange Online PowerShell. */
    public synchronized void newDistributionGroup(String name) {
        ObjectNode group = JSON.createObjectNode()
                .put("id", UUID.randomUUID().toString())
                .put("displayName", name)
                .put("mail", name.replaceAll("[^A-Za-z0-9]", "") + "@" + initialDomain)
                .put("mailEnabled", true)
                .put("securityEnabled", true);
        group.putArray("groupTypes");
        groups.put(name.toLowerCase(Locale.ROOT), group);
    }

    /** The user known by this UPN, as Graph would return it; empty when there is none. */
    public synchronized Optional<JsonNode> user(String userPrincipalName) {
        return users.values().stream()
                .filter(u -> u.path("userPrincipalName").asText().equalsIgnoreCase(userPrincipalName))
                .map(JsonNode.class::cast)
                .findFirst();
    }

    /** The MX host Microsoft provisions for a domain added today: {@code contoso-com.<random>.mx.microsoft}. */
    public synchronized Optional<String> mxTarget(String domain) {
        return Optional.ofNullable(domains.get(domain.toLowerCase(Locale.ROOT)))
                .map(d -> d.path("mx").asText());
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath().substring("/v1.0".length());
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            synchronized (this) {
                calls.add(method + " " + path);
            }
            int n = requests.incrementAndGet();
            if (throttleEvery > 0 && n % throttleEvery == 0) {
                exchange.getResponseHeaders().add("Retry-After", "1");
                error(exchange, 429, "TooManyRequests", "Too many requests. Please try again later.");
                return;
            }
            Set<String> roles;
            try {
                roles = tokens.roles(exchange.getRequestHeaders().getFirst("Authorization"));
            } catch (AppTokenCheck.Refused e) {
                error(exchange, 401, "InvalidAuthenticationToken", e.getMessage());
                return;
            }
            JsonNode body = method.equals("GET") ? null : readBody(exchange.getRequestBody());
            synchronized (this) {
                route(exchange, method, path, query, body, roles);
            }
        } catch (RuntimeException e) {
            error(exchange, 500, "generalException", "The stand-in failed: " + e);
        }
    }

    private void route(
            HttpExchange exchange,
            String method,
            String path,
            Map<String, String> query,
            JsonNode body,
            Set<String> roles)
            throws IOException {
        String[] segments = path.substring(1).split("/");
        String resource = segments[0];
        switch (method + " " + resource + "/" + segments.length) {
            case "GET domains/1" -> {
                if (allowed(exchange, roles, GraphCall.READ_DOMAINS)) {
                    collection(
                            exchange,
                            new ArrayList<>(domains.values().stream()
                                    .map(this::domainView)
                                    .toList()));
                }
            }
            case "POST domains/1" -> {
                if (allowed(exchange, roles, GraphCall.ADD_DOMAIN)) {
                    addDomain(exchange, body.path("id").asText().toLowerCase(Locale.ROOT));
                }
            }
            case "GET domains/2" -> {
                if (allowed(exchange, roles, GraphCall.READ_DOMAINS)) {
                    withDomain(exchange, segments[1], d -> send(exchange, 200, domainView(d)));
                }
            }
            case "GET domains/3" -> {
                if (allowed(exchange, roles, GraphCall.READ_DOMAINS)) {
                    withDomain(exchange, segments[1], d -> domainRecords(exchange, d, segments[2]));
                }
            }
            case "POST domains/3" -> {
                if (allowed(exchange, roles, GraphCall.VERIFY_DOMAIN)) {
                    withDomain(exchange, segments[1], d -> verify(exchange, d));
                }
            }
            case "GET organization/1" -> {
                if (allowed(exchange, roles, GraphCall.READ_ORGANIZATION)) {
                    organization(exchange);
                }
            }
            case "GET users/1" -> {
                if (allowed(exchange, roles, GraphCall.READ_USERS)) {
                    listUsers(exchange, query);
                }
            }
            case "POST users/1" -> {
                if (allowed(exchange, roles, GraphCall.CREATE_USER)) {
                    createUser(exchange, body);
                }
            }
            case "PATCH users/2" -> {
                if (allowed(exchange, roles, GraphCall.SET_USAGE_LOCATION)) {
                    withUser(exchange, segments[1], u -> {
                        u.put("usageLocation", body.path("usageLocation").asText());
                        noContent(exchange);
                    });
                }
            }
            case "POST users/3" -> {
                if ("assignLicense".equals(segments[2]) && allowed(exchange, roles, GraphCall.ASSIGN_LICENCE)) {
                    withUser(exchange, segments[1], u -> assignLicence(exchange, u, body));
                }
            }
            case "GET subscribedSkus/1" -> {
                if (allowed(exchange, roles, GraphCall.READ_SUBSCRIBED_SKUS)) {
                    collection(exchange, List.of(sku()));
                }
            }
            case "GET groups/1" -> {
                if (allowed(exchange, roles, GraphCall.READ_GROUPS)) {
                    listGroups(exchange, query);
                }
            }
            default -> error(exchange, 400, "BadRequest", "Resource not found for the segment '" + resource + "'.");
        }
    }

    // ------------------------------------------------------------------ domains

    private ObjectNode domain(String name) {
        ObjectNode domain = JSON.createObjectNode()
                .put("id", name)
                .put("authenticationType", "Managed")
                .put("isAdminManaged", true)
                .put("isDefault", false)
                .put("isInitial", false)
                .put("isRoot", true)
                .put("isVerified", false);
        domain.putArray("supportedServices");
        // state the stand-in keeps beside what Graph shows
        domain.put("txt", "MS=ms" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999));
        domain.put("mx", name.replace('.', '-') + ".a-v1.mx.microsoft");
        return domain;
    }

    private ObjectNode domainView(ObjectNode domain) {
        ObjectNode view = domain.deepCopy();
        view.remove(List.of("txt", "mx"));
        return view;
    }

    private void addDomain(HttpExchange exchange, String name) throws IOException {
        if (domains.containsKey(name)) {
            error(
                    exchange,
                    400,
                    "Request_BadRequest",
                    "Another object with the same value for property id already exists.");
            return;
        }
        ObjectNode domain = domain(name);
        domains.put(name, domain);
        send(exchange, 201, domainView(domain));
    }

    private void domainRecords(HttpExchange exchange, ObjectNode domain, String which) throws IOException {
        String name = domain.path("id").asText();
        List<JsonNode> records = new ArrayList<>();
        switch (which) {
            case "verificationDnsRecords" -> {
                records.add(record("microsoft.graph.domainDnsTxtRecord", name, "Txt", "Email")
                        .put("text", domain.path("txt").asText()));
                records.add(record("microsoft.graph.domainDnsMxRecord", name, "Mx", "Email")
                        .put("mailExchange", domain.path("txt").asText().substring(3) + ".msv1.invalid")
                        .put("preference", 32767));
            }
            case "serviceConfigurationRecords" -> {
                records.add(record("microsoft.graph.domainDnsMxRecord", name, "Mx", "Email")
                        .put("mailExchange", domain.path("mx").asText())
                        .put("preference", 0));
                records.add(record("microsoft.graph.domainDnsTxtRecord", name, "Txt", "Email")
                        .put("text", "v=spf1 include:spf.protection.outlook.com -all"));
                records.add(record("microsoft.graph.domainDnsCnameRecord", "autodiscover." + name, "CName", "Email")
                        .put("canonicalName", "autodiscover.outlook.com"));
            }
            default -> {
                error(exchange, 400, "BadRequest", "Resource not found for the segment '" + which + "'.");
                return;
            }
        }
        collection(exchange, records);
    }

    private ObjectNode record(String type, String label, String recordType, String service) {
        return JSON.createObjectNode()
                .put("@odata.type", type)
                .put("id", UUID.randomUUID().toString())
                .put("isOptional", false)
                .put("label", label)
                .put("recordType", recordType)
                .put("supportedService", service)
                .put("ttl", 3600);
    }

    private void verify(HttpExchange exchange, ObjectNode domain) throws IOException {
        String name = domain.path("id").asText();
        if (!txt.apply(name).contains(domain.path("txt").asText())) {
            error(
                    exchange,
                    400,
                    "Request_BadRequest",
                    "Domain verification failed. The TXT record for " + name + " was not found in DNS."
                            + " Make sure you added the record, then try again.");
            return;
        }
        domain.put("isVerified", true);
        domain.putArray("supportedServices").add("Email");
        send(exchange, 200, domainView(domain));
    }

    private void organization(HttpExchange exchange) throws IOException {
        ObjectNode organization =
                JSON.createObjectNode().put("id", UUID.randomUUID().toString());
        ArrayNode verified = organization.putArray("verifiedDomains");
        for (ObjectNode domain : domains.values()) {
            if (domain.path("isVerified").asBoolean()) {
                verified.addObject()
                        .put("capabilities", "Email, OfficeCommunicationsOnline")
                        .put("isDefault", domain.path("isInitial").asBoolean())
                        .put("isInitial", domain.path("isInitial").asBoolean())
                        .put("name", domain.path("id").asText())
                        .put("type", "Managed");
            }
        }
        collection(exchange, List.of(organization));
    }

    // ------------------------------------------------------------------ users and licences

    private ObjectNode newUser(String upn, String displayName) {
        return newUser(upn, displayName, upn.substring(0, upn.indexOf('@')));
    }

    private ObjectNode newUser(String upn, String displayName, String alias) {
        ObjectNode user = JSON.createObjectNode()
                .put("id", UUID.randomUUID().toString())
                .put("displayName", displayName == null ? upn : displayName)
                .put("userPrincipalName", upn)
                .put("mail", upn)
                .putNull("usageLocation");
        user.putArray("proxyAddresses").add("SMTP:" + upn).add("smtp:" + alias + "@" + initialDomain);
        user.putArray("assignedLicenses");
        return user;
    }

    private void createUser(HttpExchange exchange, JsonNode body) throws IOException {
        String upn = body.path("userPrincipalName").asText().toLowerCase(Locale.ROOT);
        for (String required : List.of("accountEnabled", "displayName", "mailNickname", "passwordProfile")) {
            if (!body.has(required)) {
                error(
                        exchange,
                        400,
                        "Request_BadRequest",
                        "Invalid value specified for property '" + required + "' of resource 'User'.");
                return;
            }
        }
        ObjectNode domain = domains.get(upn.substring(upn.indexOf('@') + 1));
        if (domain == null || !domain.path("isVerified").asBoolean()) {
            error(
                    exchange,
                    400,
                    "Request_BadRequest",
                    "The domain portion of the userPrincipalName property is invalid. You must use one of the"
                            + " verified domain names in your organization.");
            return;
        }
        if (user(upn).isPresent()) {
            error(
                    exchange,
                    400,
                    "Request_BadRequest",
                    "Another object with the same value for property userPrincipalName already exists.");
            return;
        }
        ObjectNode user = newUser(upn, body.path("displayName").asText());
        if (body.hasNonNull("usageLocation")) {
            user.put("usageLocation", body.path("usageLocation").asText());
        }
        users.put(user.path("id").asText(), user);
        send(exchange, 201, user);
    }

    private void listUsers(HttpExchange exchange, Map<String, String> query) throws IOException {
        String filter = query.get("$filter");
        if (filter != null) {
            Matcher m = USER_FILTER.matcher(filter);
            if (!m.matches()) {
                error(exchange, 400, "Request_UnsupportedQuery", "Unsupported Query.");
                return;
            }
            // proxyAddresses/any(...) is an advanced query: Graph wants ConsistencyLevel: eventual and $count
            boolean advanced = "eventual".equals(exchange.getRequestHeaders().getFirst("ConsistencyLevel"))
                    && "true".equals(query.get("$count"));
            if (!advanced) {
                error(
                        exchange,
                        400,
                        "Request_UnsupportedQuery",
                        "Unsupported or invalid query filter clause"
                                + " specified for property 'proxyAddresses' of resource 'User'.");
                return;
            }
            String wanted = m.group(1).replace("''", "'").toLowerCase(Locale.ROOT);
            collection(
                    exchange,
                    new ArrayList<>(users.values().stream()
                            .filter(u -> knownBy(u, wanted))
                            .toList()));
            return;
        }
        int top = Math.min(maxPage, Integer.parseInt(query.getOrDefault("$top", String.valueOf(PAGE))));
        int skip = Integer.parseInt(query.getOrDefault("$skiptoken", "0"));
        List<ObjectNode> all = new ArrayList<>(users.values());
        ObjectNode page = JSON.createObjectNode();
        page.putArray("value").addAll(all.subList(Math.min(skip, all.size()), Math.min(skip + top, all.size())));
        if (skip + top < all.size()) {
            page.put("@odata.nextLink", url() + "/users?$top=" + top + "&$skiptoken=" + (skip + top));
        }
        send(exchange, 200, page);
    }

    private static boolean knownBy(JsonNode user, String address) {
        if (user.path("userPrincipalName").asText().equalsIgnoreCase(address)
                || user.path("mail").asText().equalsIgnoreCase(address)) {
            return true;
        }
        for (JsonNode proxy : user.path("proxyAddresses")) {
            if (proxy.asText().equalsIgnoreCase("smtp:" + address)) {
                return true;
            }
        }
        return false;
    }

    private ObjectNode sku() {
        ObjectNode sku = JSON.createObjectNode()
                .put("capabilityStatus", "Enabled")
                .put("consumedUnits", consumed())
                .put("id", UUID.randomUUID() + "_" + skuId)
                .put("skuId", skuId)
                .put("skuPartNumber", skuPartNumber)
                .put("appliesTo", "User");
        sku.putObject("prepaidUnits")
                .put("enabled", licences)
                .put("lockedOut", 0)
                .put("suspended", 0)
                .put("warning", 0);
        return sku;
    }

    private long consumed() {
        return users.values().stream()
                .filter(u ->
                        u.path("assignedLicenses").findValuesAsText("skuId").contains(skuId))
                .count();
    }

    private void assignLicence(HttpExchange exchange, ObjectNode user, JsonNode body) throws IOException {
        List<String> adding = body.path("addLicenses").findValuesAsText("skuId");
        if (!body.has("removeLicenses") || adding.isEmpty()) {
            error(exchange, 400, "Request_BadRequest", "Invalid addLicenses or removeLicenses.");
            return;
        }
        if (!adding.equals(List.of(skuId))) {
            error(
                    exchange,
                    400,
                    "Request_BadRequest",
                    "License " + adding + " does not correspond to a valid" + " company License.");
            return;
        }
        if (user.path("usageLocation").isNull()
                || user.path("usageLocation").asText().isBlank()) {
            error(
                    exchange,
                    400,
                    "Request_BadRequest",
                    "License assignment cannot be done for user with invalid" + " usage location.");
            return;
        }
        boolean holds = user.path("assignedLicenses").findValuesAsText("skuId").contains(skuId);
        if (!holds && consumed() >= licences) {
            error(
                    exchange,
                    400,
                    "Request_BadRequest",
                    "Subscription " + skuPartNumber + " does not have any" + " available licenses.");
            return;
        }
        if (!holds) {
            ((ArrayNode) user.path("assignedLicenses"))
                    .addObject()
                    .put("skuId", skuId)
                    .putArray("disabledPlans");
        }
        send(exchange, 200, user);
    }

    // ------------------------------------------------------------------ groups

    private void listGroups(HttpExchange exchange, Map<String, String> query) throws IOException {
        if (!query.containsKey("$filter")) {
            int top = Math.min(999, Integer.parseInt(query.getOrDefault("$top", String.valueOf(PAGE))));
            collection(exchange, groups.values().stream().limit(top).toList());
            return;
        }
        Matcher m = GROUP_FILTER.matcher(query.get("$filter"));
        if (!m.matches()) {
            error(exchange, 400, "Request_UnsupportedQuery", "Unsupported Query.");
            return;
        }
        ObjectNode group = groups.get(m.group(1).replace("''", "'").toLowerCase(Locale.ROOT));
        collection(exchange, group == null ? List.of() : List.of(group));
    }

    // ------------------------------------------------------------------ HTTP

    private interface Action<T> {
        void on(T value) throws IOException;
    }

    private void withDomain(HttpExchange exchange, String id, Action<ObjectNode> action) throws IOException {
        with(
                exchange,
                id,
                domains.get(URLDecoder.decode(id, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT)),
                action);
    }

    private void withUser(HttpExchange exchange, String id, Action<ObjectNode> action) throws IOException {
        with(exchange, id, users.get(id), action);
    }

    private static void with(HttpExchange exchange, String id, ObjectNode found, Action<ObjectNode> action)
            throws IOException {
        if (found == null) {
            error(
                    exchange,
                    404,
                    "Request_ResourceNotFound",
                    "Resource '" + id + "' does not exist or one of its"
                            + " queried reference-property objects are not present.");
            return;
        }
        action.on(found);
    }

    private boolean allowed(HttpExchange exchange, Set<String> roles, GraphCall call) throws IOException {
        if (roles.stream().anyMatch(ACCEPTED.get(call)::contains)) {
            return true;
        }
        error(exchange, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
        return false;
    }

    private void collection(HttpExchange exchange, List<? extends JsonNode> values) throws IOException {
        ObjectNode page = JSON.createObjectNode();
        page.putArray("value").addAll(values);
        send(exchange, 200, page);
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error").put("code", code).put("message", message);
        error.putObject("innerError")
                .put("date", Instant.now().toString().substring(0, 19))
                .put("request-id", UUID.randomUUID().toString())
                .put("client-request-id", UUID.randomUUID().toString());
        send(exchange, status, body);
    }

    private static void noContent(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(204, -1);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json;odata.metadata=minimal");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static JsonNode readBody(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                query.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static SSLContext sslContext(Path keyStore) throws IOException {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, "changeit".toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, "changeit".toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("The stand-in's key store " + keyStore + " cannot be used: " + e, e);
        }
    }
}
