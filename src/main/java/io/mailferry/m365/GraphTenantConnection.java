package io.mailferry.m365;

import io.mailferry.tenant.ConnectionCheck;
import io.mailferry.tenant.ConnectionSettings;
import io.mailferry.tenant.TenantConnection;
import io.mailferry.tenant.TenantNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The connection checks against a real tenant, each on its own so that one failure does not hide the next: a Graph
 * token; each Graph permission the runbooks need, by the cheapest read that needs it (a 403 names the grant) and, for
 * the writes no read can prove, by the token's roles; the licence with free units; an Exchange Online token with
 * {@code IMAP.AccessAsApp}; and an XOAUTH2 sign-in to the operator's test mailbox. Tokens never appear in a detail.
 */
class GraphTenantConnection implements TenantConnection {
    static final String GRAPH_TOKEN = "Microsoft Graph token";
    static final String DOMAINS = "Domains (Domain.ReadWrite.All)";
    static final String USERS = "Users (User.ReadWrite.All)";
    static final String LICENCES = "Licences (Organization.Read.All, LicenseAssignment.ReadWrite.All)";
    static final String FREE_LICENCES = "Free licences";
    static final String GROUPS = "Groups (GroupMember.Read.All)";
    static final String IMAP_TOKEN = "Exchange Online token (IMAP.AccessAsApp)";
    static final String IMAP_ACCESS = "IMAP.AccessAsApp";

    private final M365Properties properties;
    private final AccessTokens tokens;
    private final GraphClient graph;
    private final GraphLicences licences;
    private final Supplier<ExchangeOnlineLogin> login;

    GraphTenantConnection(
            M365Properties properties, AccessTokens tokens, GraphClient graph, Supplier<ExchangeOnlineLogin> login) {
        this.properties = properties;
        this.tokens = tokens;
        this.graph = graph;
        this.licences = new GraphLicences(graph, new GraphUsers(graph, properties.usageLocation()), null);
        this.login = login;
    }

    @Override
    public ConnectionSettings settings() {
        String credential = properties.clientSecret() != null
                ? "a client secret (mailferry.m365.client-secret; never shown)"
                : "the certificate in " + properties.clientCertificateFile()
                        + " (mailferry.m365.client-certificate-file)";
        return new ConnectionSettings(
                properties.tenantId() + " (mailferry.m365.tenant-id)",
                properties.clientId() + " (mailferry.m365.client-id)",
                credential,
                properties.licenceSku() == null
                        ? "not set (mailferry.m365.licence-sku)"
                        : properties.licenceSku() + " (mailferry.m365.licence-sku)",
                false);
    }

    @Override
    public Optional<String> suggestedTestMailbox() {
        return Optional.empty();
    }

    @Override
    public List<ConnectionCheck> check(String testMailbox) {
        List<String> issued = new ArrayList<>();
        List<ConnectionCheck> checks = new ArrayList<>();
        Optional<String> graphToken = token(GRAPH_TOKEN, tokens::graphToken, issued, checks);
        if (graphToken.isPresent()) {
            Optional<Set<String>> roles = TokenRoles.of(graphToken.get());
            checks.add(probe(
                    DOMAINS,
                    GraphCall.TEST_DOMAINS,
                    "/domains?$select=id",
                    roles,
                    Set.of("Domain.ReadWrite.All"),
                    "adding and verifying the domain"));
            checks.add(probe(
                    USERS,
                    GraphCall.TEST_USERS,
                    "/users?$select=id&$top=1",
                    roles,
                    Set.of("User.ReadWrite.All", "Directory.ReadWrite.All"),
                    "creating users and setting their usage location"));
            checks.addAll(licences(roles));
            checks.add(
                    probe(GROUPS, GraphCall.READ_GROUPS, "/groups?$select=id&$top=1", Optional.empty(), Set.of(), ""));
        } else {
            for (String name : List.of(DOMAINS, USERS, LICENCES, FREE_LICENCES, GROUPS)) {
                checks.add(ConnectionCheck.failed(name, "not tested: it needs the Microsoft Graph token (see above)"));
            }
        }
        Optional<String> imapToken = token(IMAP_TOKEN, tokens::imapToken, issued, checks);
        checks.add(signIn(testMailbox, imapToken.isPresent()));
        return checks.stream().map(c -> scrubbed(c, issued)).toList();
    }

    /** The token, with a passed check; or nothing, with a failed one that says what Entra ID answered. */
    private Optional<String> token(
            String name, Supplier<String> acquire, List<String> issued, List<ConnectionCheck> checks) {
        String token;
        try {
            token = acquire.get();
        } catch (RuntimeException refused) {
            checks.add(ConnectionCheck.failed(name, refused.getMessage()));
            return Optional.empty();
        }
        issued.add(token);
        if (name.equals(IMAP_TOKEN)) {
            Optional<Set<String>> roles = TokenRoles.of(token);
            if (roles.isPresent() && !roles.get().contains(IMAP_ACCESS)) {
                checks.add(ConnectionCheck.failed(
                        name,
                        "Entra ID issued the token without the " + IMAP_ACCESS + " role: in the app's API permissions"
                                + " add APIs my organization uses → Office 365 Exchange Online → Application"
                                + " permissions → " + IMAP_ACCESS + ", then Grant admin consent"));
                return Optional.of(token);
            }
            checks.add(ConnectionCheck.passed(
                    name,
                    roles.isPresent()
                            ? "Entra ID issued a token with " + IMAP_ACCESS
                            : "Entra ID issued a token; the sign-in below shows whether " + IMAP_ACCESS
                                    + " is granted"));
            return Optional.of(token);
        }
        checks.add(ConnectionCheck.passed(
                name,
                "Entra ID issued a token to app " + properties.clientId() + " for tenant " + properties.tenantId()));
        return Optional.of(token);
    }

    /**
     * The cheapest read that needs the grant; then, for a write no read can prove, the token's roles: one of
     * {@code writeRoles} (the call's permission or one that includes it) must be there, none to check when empty.
     */
    private ConnectionCheck probe(
            String name,
            GraphCall call,
            String path,
            Optional<Set<String>> roles,
            Set<String> writeRoles,
            String writes) {
        try {
            graph.get(call, path);
        } catch (RuntimeException refused) {
            return ConnectionCheck.failed(name, refusal(call, refused));
        }
        return granted(name, "Graph answered the read", roles, writeRoles, call.permission(), writes);
    }

    private List<ConnectionCheck> licences(Optional<Set<String>> roles) {
        List<GraphLicences.Sku> skus;
        try {
            skus = licences.skus();
        } catch (RuntimeException refused) {
            return List.of(
                    ConnectionCheck.failed(LICENCES, refusal(GraphCall.READ_SUBSCRIBED_SKUS, refused)),
                    ConnectionCheck.failed(FREE_LICENCES, "not tested: reading the licences failed (see above)"));
        }
        return List.of(
                granted(
                        LICENCES,
                        "Graph listed the tenant's licences",
                        roles,
                        Set.of("LicenseAssignment.ReadWrite.All", "User.ReadWrite.All", "Directory.ReadWrite.All"),
                        "LicenseAssignment.ReadWrite.All",
                        "assigning licences"),
                freeLicences(skus));
    }

    private ConnectionCheck freeLicences(List<GraphLicences.Sku> skus) {
        String wanted = properties.licenceSku();
        if (wanted == null) {
            return ConnectionCheck.failed(
                    FREE_LICENCES,
                    "mailferry.m365.licence-sku is not set: set it to the skuPartNumber of the licence Mailferry"
                            + " assigns; the tenant has " + GraphLicences.available(skus));
        }
        Optional<GraphLicences.Sku> sku = skus.stream()
                .filter(s -> s.partNumber().equalsIgnoreCase(wanted))
                .findFirst();
        if (sku.isEmpty()) {
            return ConnectionCheck.failed(
                    FREE_LICENCES,
                    "the tenant has no licence " + wanted + " (mailferry.m365.licence-sku): set it to one of "
                            + GraphLicences.available(skus));
        }
        GraphLicences.Sku found = sku.get();
        String units = found.enabled() + " enabled, " + found.consumed() + " in use"
                + (found.status().equalsIgnoreCase("Enabled") ? "" : ", subscription " + found.status());
        return found.free() > 0
                ? ConnectionCheck.passed(FREE_LICENCES, found.free() + " of " + wanted + " free (" + units + ")")
                : ConnectionCheck.failed(
                        FREE_LICENCES,
                        wanted + " has no free units (" + units + "): buy more or free some in the Microsoft 365"
                                + " admin center (Billing → Licenses)");
    }

    private static ConnectionCheck granted(
            String name,
            String read,
            Optional<Set<String>> roles,
            Set<String> writeRoles,
            String permission,
            String writes) {
        if (writeRoles.isEmpty()) {
            return ConnectionCheck.passed(name, read);
        }
        if (roles.isEmpty()) {
            return ConnectionCheck.passed(
                    name,
                    read + "; the token does not say whether " + permission + " is granted, so a missing grant"
                            + " shows when " + writes + " is first tried");
        }
        if (roles.get().stream().noneMatch(writeRoles::contains)) {
            return ConnectionCheck.failed(
                    name,
                    read + ", but the app lacks " + permission + ", which " + writes + " needs: in the app's API"
                            + " permissions add Microsoft Graph → Application permissions → " + permission
                            + ", then Grant admin consent");
        }
        return ConnectionCheck.passed(name, read + "; " + permission + " is granted");
    }

    /** A 403 names the grant; anything else is Graph's own message, which says what was tried and why it failed. */
    private static String refusal(GraphCall call, RuntimeException refused) {
        if (refused instanceof GraphException graphError && graphError.status() == 403) {
            return "Microsoft Graph answered 403" + (graphError.code() == null ? "" : " " + graphError.code())
                    + " when Mailferry tried to " + call.purpose() + ": the app needs the application permission "
                    + call.permission() + " (API permissions → Add a permission → Microsoft Graph → Application"
                    + " permissions), then Grant admin consent";
        }
        return String.valueOf(refused.getMessage());
    }

    private ConnectionCheck signIn(String testMailbox, boolean imapToken) {
        Optional<ConnectionCheck> invalid = ConnectionCheck.invalidMailbox(testMailbox);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        String mailbox = TenantNames.address(testMailbox);
        String name = ConnectionCheck.signInName(mailbox);
        if (!imapToken) {
            return ConnectionCheck.failed(name, "not tried: it needs the Exchange Online token (see above)");
        }
        ExchangeOnlineLogin exchange = login.get();
        if (exchange == null) {
            return ConnectionCheck.failed(name, "not tried: this Mailferry has no Exchange Online sign-in");
        }
        try {
            ExchangeOnlineLogin.LoginCheck result = exchange.check(mailbox);
            return new ConnectionCheck(name, result.passed(), result.detail());
        } catch (RuntimeException failed) {
            return ConnectionCheck.failed(name, failed.getClass().getSimpleName() + ": " + failed.getMessage());
        }
    }

    /** Whatever a service put into a message, a token issued for these checks is not shown. */
    private static ConnectionCheck scrubbed(ConnectionCheck check, List<String> issued) {
        String detail = String.valueOf(check.detail());
        for (String token : issued) {
            if (token != null && token.length() >= 8) {
                detail = detail.replace(token, "***");
            }
        }
        return new ConnectionCheck(check.name(), check.passed(), detail);
    }
}
