package io.mailferry.m365;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import io.mailferry.tenant.ConnectionCheck;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * "Connect to Microsoft 365" against a Graph stand-in answering with the bodies Microsoft documents (list domains,
 * list users, subscribedSkus, list groups, and Graph's 403 error envelope), app-only tokens whose roles claim says
 * what was granted, and a stand-in for the XOAUTH2 sign-in: each check on its own, a missing grant named.
 */
class GraphTenantConnectionContractTest {
    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    /** Graph's answer to a call the app has no permission for (its error envelope, as Microsoft documents it). */
    private static final String DENIED = """
            {"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the \
            operation.","innerError":{"date":"2026-12-07T09:00:00","request-id":"r-403","client-request-id":"r-403"}}}""";

    private static final String DOMAINS = """
            {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#domains(id)",
             "value":[{"id":"contoso.com"},{"id":"contoso.onmicrosoft.com"}]}""";

    private static final String USERS = """
            {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users(id)",
             "@odata.nextLink":"https://graph.microsoft.com/v1.0/users?$select=id&$top=1&$skiptoken=RFNwdAIAAQAAAA",
             "value":[{"id":"87d349ed-44d7-43e1-9a83-5f2406dee5bd"}]}""";

    private static final String GROUPS = """
            {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#groups(id)",
             "value":[{"id":"02bd9fd6-8f93-4758-87c3-1fb73740a315"}]}""";

    /** subscribedsku-list: ENTERPRISEPREMIUM with 25 enabled units, the given number consumed. */
    private static final String SUBSCRIBED_SKUS = """
            {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#subscribedSkus","value":[
             {"accountName":"Sample account One","accountId":"f97aeefc-af85-414d-8ae4-b457f90efc40","appliesTo":"User",
              "capabilityStatus":"Enabled","consumedUnits":%d,
              "id":"48a80680-7326-48cd-9935-b556b81d3a4e_c7df2760-2c81-4ef7-b578-5b5392b571df",
              "prepaidUnits":{"enabled":25,"lockedOut":0,"suspended":0,"warning":0},"servicePlans":[],
              "skuId":"c7df2760-2c81-4ef7-b578-5b5392b571df","skuPartNumber":"ENTERPRISEPREMIUM",
              "subscriptionIds":["43d26afe-cb98-48b9-acc4-ae3ef2ac6c51"]}]}""";

    private static final Set<String> EVERY_GRANT = Set.of(
            "Domain.ReadWrite.All",
            "User.ReadWrite.All",
            "LicenseAssignment.ReadWrite.All",
            "Organization.Read.All",
            "GroupMember.Read.All");

    private final List<String> signedIn = new ArrayList<>();
    private RoleTokens tokens;
    private ExchangeOnlineLogin login;

    @BeforeEach
    void everythingAnswers() {
        graph.stubFor(get(urlPathEqualTo("/v1.0/domains")).willReturn(okJson(DOMAINS)));
        graph.stubFor(get(urlPathEqualTo("/v1.0/users")).willReturn(okJson(USERS)));
        graph.stubFor(get(urlPathEqualTo("/v1.0/subscribedSkus")).willReturn(okJson(SUBSCRIBED_SKUS.formatted(14))));
        graph.stubFor(get(urlPathEqualTo("/v1.0/groups")).willReturn(okJson(GROUPS)));
        tokens = new RoleTokens(properties("ENTERPRISEPREMIUM"));
        tokens.graphRoles = EVERY_GRANT;
        tokens.imapRoles = Set.of("IMAP.AccessAsApp");
        login = mailbox -> {
            signedIn.add(mailbox);
            return new ExchangeOnlineLogin.LoginCheck(true, "signed in to " + mailbox + " and opened INBOX");
        };
    }

    private List<ConnectionCheck> check(String mailbox) {
        return connection(properties("ENTERPRISEPREMIUM")).check(mailbox);
    }

    private GraphTenantConnection connection(M365Properties properties) {
        return new GraphTenantConnection(
                properties,
                tokens,
                new GraphClient(properties, tokens, null, new M365Fixture.RecordingSleeper()),
                () -> login);
    }

    private static Map<String, ConnectionCheck> byName(List<ConnectionCheck> checks) {
        return checks.stream().collect(Collectors.toMap(c -> c.name().replaceAll(" \\S+@\\S+ ", " … "), c -> c));
    }

    @Test
    void everyCheckPassesWithEveryGrantAFreeLicenceAndAMailboxTheAppMayOpen() {
        List<ConnectionCheck> checks = check(" Test.Mailbox@Contoso.com ");

        assertThat(checks)
                .extracting(ConnectionCheck::name)
                .containsExactly(
                        "Microsoft Graph token",
                        "Domains (Domain.ReadWrite.All)",
                        "Users (User.ReadWrite.All)",
                        "Licences (Organization.Read.All, LicenseAssignment.ReadWrite.All)",
                        "Free licences",
                        "Groups (GroupMember.Read.All)",
                        "Exchange Online token (IMAP.AccessAsApp)",
                        "Sign-in to the test mailbox test.mailbox@contoso.com with XOAUTH2");
        assertThat(checks)
                .allSatisfy(c ->
                        assertThat(c.passed()).as(c.name() + ": " + c.detail()).isTrue());
        assertThat(byName(checks).get("Free licences").detail()).startsWith("11 of ENTERPRISEPREMIUM free");
        assertThat(signedIn).containsExactly("test.mailbox@contoso.com");
        graph.verify(getRequestedFor(urlPathEqualTo("/v1.0/users"))
                .withQueryParam("$top", equalTo("1"))
                .withHeader("Authorization", equalTo("Bearer " + tokens.graphToken())));
        assertThat(graph.getAllServeEvents()).as("one cheap read per grant").hasSize(4);
    }

    @ParameterizedTest
    @CsvSource({
        "/v1.0/domains, Domains (Domain.ReadWrite.All), Domain.ReadWrite.All",
        "/v1.0/users, Users (User.ReadWrite.All), User.ReadWrite.All",
        "/v1.0/subscribedSkus, 'Licences (Organization.Read.All, LicenseAssignment.ReadWrite.All)', Organization.Read.All",
        "/v1.0/groups, Groups (GroupMember.Read.All), GroupMember.Read.All"
    })
    void aReadGraphRefusesNamesThePermissionToGrantAndTheOtherChecksStillRun(
            String path, String check, String permission) {
        graph.stubFor(get(urlPathEqualTo(path))
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody(DENIED)));
        tokens.graphRoles = Set.of(); // what Entra issues before admin consent

        Map<String, ConnectionCheck> checks = byName(check("admin@contoso.com"));

        assertThat(checks.get(check).passed()).isFalse();
        assertThat(checks.get(check).detail())
                .contains("403 Authorization_RequestDenied")
                .contains("application permission " + permission)
                .contains("Grant admin consent");
        assertThat(checks.get("Microsoft Graph token").passed()).isTrue();
        assertThat(checks.get("Sign-in to the test mailbox … with XOAUTH2").passed())
                .isTrue();
    }

    @Test
    void aWriteGrantNoReadCanProveIsNamedFromTheTokensRoles() {
        // reading works with the read-only grants, but creating users and assigning licences would be refused later
        tokens.graphRoles =
                Set.of("Domain.ReadWrite.All", "User.Read.All", "Organization.Read.All", "GroupMember.Read.All");

        Map<String, ConnectionCheck> checks = byName(check("admin@contoso.com"));

        assertThat(checks.get("Users (User.ReadWrite.All)"))
                .satisfies(c -> assertThat(c.passed()).isFalse())
                .extracting(ConnectionCheck::detail)
                .asString()
                .contains("lacks User.ReadWrite.All")
                .contains("creating users");
        assertThat(checks.get("Licences (Organization.Read.All, LicenseAssignment.ReadWrite.All)"))
                .satisfies(c -> assertThat(c.passed()).isFalse())
                .extracting(ConnectionCheck::detail)
                .asString()
                .contains("lacks LicenseAssignment.ReadWrite.All");
        assertThat(checks.get("Domains (Domain.ReadWrite.All)").passed()).isTrue();
    }

    @Test
    void aTokenWhoseRolesCannotBeReadLeavesTheWritesToTheStepsThatNeedThem() {
        tokens.opaque = true;

        Map<String, ConnectionCheck> checks = byName(check("admin@contoso.com"));

        assertThat(checks.values())
                .allSatisfy(c -> assertThat(c.passed()).as(c.name()).isTrue());
        assertThat(checks.get("Users (User.ReadWrite.All)").detail())
                .contains("does not say whether User.ReadWrite.All is granted");
    }

    @Test
    void aLicenceWithoutFreeUnitsOrNotInTheTenantIsWhatToFix() {
        graph.stubFor(get(urlPathEqualTo("/v1.0/subscribedSkus")).willReturn(okJson(SUBSCRIBED_SKUS.formatted(25))));

        assertThat(byName(check("admin@contoso.com")).get("Free licences"))
                .satisfies(c -> assertThat(c.passed()).isFalse())
                .extracting(ConnectionCheck::detail)
                .asString()
                .contains("ENTERPRISEPREMIUM has no free units (25 enabled, 25 in use)");

        assertThat(byName(connection(properties("EXCHANGESTANDARD")).check("admin@contoso.com"))
                        .get("Free licences")
                        .detail())
                .contains("no licence EXCHANGESTANDARD")
                .contains("ENTERPRISEPREMIUM (0 free)");
        assertThat(byName(connection(properties(null)).check("admin@contoso.com"))
                        .get("Free licences")
                        .detail())
                .contains("mailferry.m365.licence-sku is not set");
    }

    @Test
    void withoutAGraphTokenTheGraphChecksAreNotTestedButExchangeOnlineStillIs() {
        tokens.graphRefusal = new M365AuthenticationException(
                "Could not get an access token for Microsoft Graph from https://login.microsoftonline.com/"
                        + M365Fixture.TENANT + "/ (app " + M365Fixture.CLIENT + "): invalid_client: AADSTS7000215:"
                        + " Invalid client secret provided. → the client secret is wrong",
                null);

        List<ConnectionCheck> checks = check("admin@contoso.com");

        assertThat(checks.get(0).passed()).isFalse();
        assertThat(checks.get(0).detail()).contains("AADSTS7000215").contains("client secret is wrong");
        assertThat(checks.subList(1, 6))
                .allSatisfy(c -> assertThat(c.detail()).startsWith("not tested: it needs the Microsoft Graph token"));
        assertThat(graph.getAllServeEvents()).isEmpty();
        assertThat(checks.get(7).passed()).as("the sign-in").isTrue();
    }

    @Test
    void anExchangeOnlineTokenWithoutImapAccessAsAppNamesTheGrant() {
        tokens.imapRoles = Set.of(); // no admin consent: Entra leaves the roles claim out

        Map<String, ConnectionCheck> checks = byName(check("admin@contoso.com"));

        assertThat(checks.get("Exchange Online token (IMAP.AccessAsApp)"))
                .satisfies(c -> assertThat(c.passed()).isFalse())
                .extracting(ConnectionCheck::detail)
                .asString()
                .contains("without the IMAP.AccessAsApp role")
                .contains("Office 365 Exchange Online")
                .contains("Grant admin consent");
    }

    @Test
    void withoutAnExchangeOnlineTokenTheSignInIsNotTried() {
        tokens.imapRefusal = new M365AuthenticationException(
                "Could not get an access token for Exchange Online: AADSTS500011: the resource is not in the tenant",
                null);

        Map<String, ConnectionCheck> checks = byName(check("admin@contoso.com"));

        assertThat(checks.get("Exchange Online token (IMAP.AccessAsApp)").detail())
                .contains("AADSTS500011");
        assertThat(checks.get("Sign-in to the test mailbox … with XOAUTH2").detail())
                .startsWith("not tried: it needs the Exchange Online token");
        assertThat(signedIn).isEmpty();
    }

    @Test
    void aRefusedSignInSaysWhatTheAdministratorMustDoAndShowsNoToken() {
        login = mailbox -> new ExchangeOnlineLogin.LoginCheck(
                false,
                "Exchange Online refused the app for " + mailbox + " (token " + tokens.imapToken() + "): run"
                        + " Add-MailboxPermission -Identity " + mailbox + " -User <service principal> -AccessRights"
                        + " FullAccess");

        ConnectionCheck signIn = check("alice@contoso.com").get(7);

        assertThat(signIn.passed()).isFalse();
        assertThat(signIn.detail())
                .contains("Add-MailboxPermission -Identity alice@contoso.com")
                .contains("FullAccess")
                .doesNotContain(tokens.imapToken())
                .contains("(token ***)");
    }

    @Test
    void anAddressThatIsNoMailboxIsNotSignedInTo() {
        ConnectionCheck signIn = check("alice at contoso").get(7);

        assertThat(signIn.passed()).isFalse();
        assertThat(signIn.detail()).contains("'alice at contoso' is not a valid e-mail address");
        assertThat(signedIn).isEmpty();
    }

    @Test
    void withoutAnExchangeOnlineSignInInThisBuildTheCheckSaysSo() {
        login = null;

        ConnectionCheck signIn = check("alice@contoso.com").get(7);

        assertThat(signIn.passed()).isFalse();
        assertThat(signIn.detail()).contains("has no Exchange Online sign-in");
    }

    @Test
    void theSettingsShownNameTheConfigurationButNeverTheSecret() {
        var settings = connection(properties("ENTERPRISEPREMIUM")).settings();

        assertThat(List.of(settings.tenant(), settings.clientId(), settings.credential(), settings.licenceSku()))
                .anySatisfy(s -> assertThat(s).contains(M365Fixture.TENANT))
                .anySatisfy(s -> assertThat(s).contains(M365Fixture.CLIENT))
                .anySatisfy(s -> assertThat(s).contains("client secret"))
                .anySatisfy(s -> assertThat(s).contains("ENTERPRISEPREMIUM"))
                .noneSatisfy(s -> assertThat(s).contains(M365Fixture.SECRET));
        assertThat(settings.inMemory()).isFalse();
    }

    private static M365Properties properties(String licenceSku) {
        return new M365Properties(
                M365Fixture.TENANT,
                M365Fixture.CLIENT,
                null,
                null,
                M365Fixture.SECRET,
                licenceSku,
                "DE",
                URI.create("https://login.microsoftonline.com/"),
                URI.create(graph.baseUrl() + "/v1.0"),
                "outlook.office365.com",
                993,
                null,
                Duration.ofSeconds(2),
                Duration.ofSeconds(3),
                0,
                Duration.ofSeconds(60));
    }

    /** App-only tokens without Entra ID: unsigned JWTs whose roles claim is what the test granted. */
    static final class RoleTokens extends AccessTokens {
        Set<String> graphRoles = Set.of();
        Set<String> imapRoles = Set.of();
        boolean opaque;
        RuntimeException graphRefusal;
        RuntimeException imapRefusal;

        RoleTokens(M365Properties properties) {
            super(properties, ClientCredentialFactory.createFromSecret(M365Fixture.SECRET), null);
        }

        @Override
        public String graphToken() {
            return issue(graphRefusal, "https://graph.microsoft.com", graphRoles);
        }

        @Override
        public String freshGraphToken() {
            return graphToken();
        }

        @Override
        public String imapToken() {
            return issue(imapRefusal, "https://outlook.office365.com", imapRoles);
        }

        private String issue(RuntimeException refusal, String audience, Set<String> roles) {
            if (refusal != null) {
                throw refusal;
            }
            if (opaque) {
                return "opaque-token-for-" + audience.hashCode();
            }
            Function<String, String> b64 =
                    s -> Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
            String claims = "{\"aud\":\"" + audience + "\",\"appid\":\"" + M365Fixture.CLIENT + "\""
                    + (roles.isEmpty()
                            ? ""
                            : ",\"roles\":["
                                    + roles.stream().map(r -> '"' + r + '"').collect(Collectors.joining(","))
                                    + "]")
                    + "}";
            return b64.apply("{\"typ\":\"JWT\",\"alg\":\"RS256\"}") + "." + b64.apply(claims) + ".c2lnbmF0dXJl";
        }
    }
}
