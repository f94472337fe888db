package io.mailferry.m365;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import io.mailferry.tenant.DomainVerification;
import io.mailferry.tenant.LicenceResult;
import io.mailferry.tenant.MissingSecurityGroup;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GraphTenant against a Graph stand-in that answers with the bodies Microsoft documents for each call (the examples
 * of learn.microsoft.com/graph/api/…): what it asks, in which order, and what it makes of the answers.
 */
class GraphTenantContractTest {
    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final String NOT_FOUND = """
            {"error":{"code":"Request_ResourceNotFound","message":"Resource '%s' does not exist or one of its \
            queried reference-property objects are not present.","innerError":{"date":"2026-12-06T10:00:00",\
            "request-id":"r-404","client-request-id":"r-404"}}}""";

    /** domain-list-verificationdnsrecords, with a real tenant's TXT and MX values. */
    private static final String VERIFICATION_RECORDS = """
            {"value":[
             {"@odata.type":"#microsoft.graph.domainDnsTxtRecord","isOptional":false,"label":"contoso.com",
              "recordType":"Txt","supportedService":"Email","ttl":3600,"id":"aceff52c-06a5-447f-ac5f-256ad243cc5c",
              "text":"MS=ms12345678"},
             {"@odata.type":"#microsoft.graph.domainDnsMxRecord","isOptional":false,"label":"contoso.com",
              "recordType":"Mx","supportedService":"Email","ttl":3600,"id":"5fbde38c-0865-497f-82b1-126f596bcee9",
              "mailExchange":"ms12345678.msv1.invalid","preference":32767}]}""";

    private static final String ORGANIZATION = """
            {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#organization(verifiedDomains)",
             "value":[{"id":"84841066-274d-4ec0-a5c1-276be684bdd3","verifiedDomains":[
               {"capabilities":"Email, OfficeCommunicationsOnline","isDefault":true,"isInitial":false,
                "name":"contoso.com","type":"Managed"},
               {"capabilities":"Email, OfficeCommunicationsOnline","isDefault":false,"isInitial":true,
                "name":"Contoso.onmicrosoft.com","type":"Managed"}]}]}""";

    /** subscribedsku-list: 25 enabled, 14 consumed, so 11 free; the second SKU is suspended. */
    private static final String SUBSCRIBED_SKUS = """
            {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#subscribedSkus","value":[
             {"accountName":"Sample account One","accountId":"f97aeefc-af85-414d-8ae4-b457f90efc40","appliesTo":"User",
              "capabilityStatus":"Enabled","consumedUnits":%d,
              "id":"48a80680-7326-48cd-9935-b556b81d3a4e_c7df2760-2c81-4ef7-b578-5b5392b571df",
              "prepaidUnits":{"enabled":25,"lockedOut":0,"suspended":0,"warning":0},
              "servicePlans":[{"servicePlanId":"8c098270-9dd4-4350-9b30-ba4703f3b36b",
               "servicePlanName":"ADALLOM_S_O365","provisioningStatus":"Success","appliesTo":"Company"}],
              "skuId":"c7df2760-2c81-4ef7-b578-5b5392b571df","skuPartNumber":"ENTERPRISEPREMIUM",
              "subscriptionIds":["43d26afe-cb98-48b9-acc4-ae3ef2ac6c51"]},
             {"accountName":"Sample account Two","accountId":"ee045480-0260-4c1e-b946-55842502229c","appliesTo":"User",
              "capabilityStatus":"Suspended","consumedUnits":14,
              "id":"48a80680-7326-48cd-9935-b556b81d3a4e_d17b27af-3f49-4822-99f9-56a661538792",
              "prepaidUnits":{"enabled":0,"lockedOut":0,"suspended":25,"warning":0},"servicePlans":[],
              "skuId":"d17b27af-3f49-4822-99f9-56a661538792","skuPartNumber":"CRMSTANDARD",
              "subscriptionIds":["15c301e0-c769-4f12-bab1-1e8519a7a6f1"]}]}""";

    private static final String SKU_ID = "c7df2760-2c81-4ef7-b578-5b5392b571df";

    private GraphTenant tenant;

    @BeforeEach
    void tenant() {
        M365Properties properties = M365Fixture.properties(graph.baseUrl() + "/v1.0");
        tenant = new GraphTenant(
                new GraphClient(
                        properties,
                        new M365Fixture.CountingTokens(properties),
                        null,
                        new M365Fixture.RecordingSleeper()),
                properties);
    }

    // ------------------------------------------------------------------ domains

    @Test
    void addsAnUnknownDomainAndReturnsMicrosoftsTxtValue() {
        graph.stubFor(get("/v1.0/domains/contoso.com").willReturn(notFound("contoso.com")));
        graph.stubFor(post("/v1.0/domains")
                .withRequestBody(equalToJson("{\"id\":\"contoso.com\"}"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"authenticationType":"Managed","availabilityStatus":null,"id":"contoso.com",\
                                "isAdminManaged":true,"isDefault":false,"isInitial":false,"isRoot":true,\
                                "isVerified":false}""")));
        graph.stubFor(get("/v1.0/domains/contoso.com/verificationDnsRecords").willReturn(okJson(VERIFICATION_RECORDS)));

        assertThat(tenant.addDomain(" Contoso.COM ")).isEqualTo("MS=ms12345678");
        graph.verify(1, postRequestedFor(urlEqualTo("/v1.0/domains")));
    }

    @Test
    void addingADomainTheTenantHasIsNotAddingItAgain() {
        graph.stubFor(
                get("/v1.0/domains/contoso.com").willReturn(okJson("{\"id\":\"contoso.com\",\"isVerified\":false}")));
        graph.stubFor(get("/v1.0/domains/contoso.com/verificationDnsRecords").willReturn(okJson(VERIFICATION_RECORDS)));

        assertThat(tenant.addDomain("contoso.com")).isEqualTo("MS=ms12345678");
        graph.verify(0, postRequestedFor(urlEqualTo("/v1.0/domains")));
    }

    @Test
    void verifyBeforeTheTxtRecordIsVisibleIsNotYetWithMicrosoftsMessage() {
        graph.stubFor(
                get("/v1.0/domains/contoso.com").willReturn(okJson("{\"id\":\"contoso.com\",\"isVerified\":false}")));
        graph.stubFor(post("/v1.0/domains/contoso.com/verify")
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"error":{"code":"Request_BadRequest","message":"Domain verification failed. \
                                We did not find the DNS record MS=ms12345678 at contoso.com.",\
                                "innerError":{"date":"2026-12-06T10:00:00","request-id":"r-400"}}}""")));
        graph.stubFor(get("/v1.0/domains/contoso.com/verificationDnsRecords").willReturn(okJson(VERIFICATION_RECORDS)));

        DomainVerification verification = tenant.verifyDomain("contoso.com");

        assertThat(verification.verified()).isFalse();
        assertThat(verification.detail())
                .contains("has not verified contoso.com yet")
                .contains("Microsoft says: Domain verification failed. We did not find the DNS record")
                .contains("TXT record at contoso.com (host @) with the value MS=ms12345678");
    }

    @Test
    void verifyReportsWhatMicrosoftAnswers() {
        graph.stubFor(
                get("/v1.0/domains/contoso.com").willReturn(okJson("{\"id\":\"contoso.com\",\"isVerified\":false}")));
        graph.stubFor(post("/v1.0/domains/contoso.com/verify").willReturn(okJson("""
                        {"authenticationType":"Managed","id":"contoso.com","isAdminManaged":true,"isDefault":false,\
                        "isInitial":false,"isRoot":true,"isVerified":true}""")));
        graph.stubFor(get("/v1.0/domains/fabrikam.com").willReturn(notFound("fabrikam.com")));
        graph.stubFor(
                get("/v1.0/domains/verified.com").willReturn(okJson("{\"id\":\"verified.com\",\"isVerified\":true}")));

        assertThat(tenant.verifyDomain("contoso.com"))
                .isEqualTo(new DomainVerification(true, "Microsoft 365 verified contoso.com"));
        assertThat(tenant.verifyDomain("fabrikam.com").detail()).contains("has not been added to the tenant");
        assertThat(tenant.verifyDomain("verified.com").verified()).isTrue();
        graph.verify(1, postRequestedFor(urlPathEqualTo("/v1.0/domains/contoso.com/verify")));
        assertThat(tenant.isDomainVerified("verified.com")).isTrue();
        assertThat(tenant.isDomainVerified("fabrikam.com")).isFalse();
    }

    @Test
    void verifiedDomainsAreTheVerifiedOnesLowerCase() {
        graph.stubFor(get(urlPathEqualTo("/v1.0/domains")).willReturn(okJson("""
                        {"value":[{"id":"Contoso.com","isVerified":true},{"id":"contoso.onmicrosoft.com","isVerified":true},\
                        {"id":"fabrikam.com","isVerified":false}]}""")));

        assertThat(tenant.verifiedDomains()).containsExactlyInAnyOrder("contoso.com", "contoso.onmicrosoft.com");
    }

    @Test
    void theMxTargetIsTheOneMicrosoftProvisionedEvenUnderMxMicrosoft() {
        graph.stubFor(
                get("/v1.0/domains/contoso.com/serviceConfigurationRecords").willReturn(okJson("""
                        {"value":[
                         {"@odata.type":"microsoft.graph.domainDnsMxRecord","isOptional":false,"label":"contoso.com",
                          "recordType":"Mx","supportedService":"Email","ttl":3600,
                          "mailExchange":"contoso-com.a1b2c3d4.mx.microsoft","preference":0},
                         {"@odata.type":"microsoft.graph.domainDnsTxtRecord","isOptional":false,"label":"contoso.com",
                          "recordType":"Txt","supportedService":"Email","ttl":3600,
                          "text":"v=spf1 include: spf.protection.outlook.com ~all"},
                         {"@odata.type":"microsoft.graph.domainDnsCnameRecord","isOptional":false,
                          "label":"autodiscover.contoso.com","recordType":"CName","supportedService":"Email",
                          "ttl":3600,"canonicalName":"autodiscover.outlook.com"}]}""")));

        assertThat(tenant.mxTarget("contoso.com")).isEqualTo("contoso-com.a1b2c3d4.mx.microsoft");
    }

    @Test
    void noMxTargetForADomainNotAddedOrWithoutEmail() {
        graph.stubFor(
                get("/v1.0/domains/fabrikam.com/serviceConfigurationRecords").willReturn(notFound("fabrikam.com")));
        graph.stubFor(
                get("/v1.0/domains/contoso.com/serviceConfigurationRecords").willReturn(okJson("{\"value\":[]}")));

        assertThatThrownBy(() -> tenant.mxTarget("fabrikam.com")).hasMessageContaining("has not been added");
        assertThatThrownBy(() -> tenant.mxTarget("contoso.com")).hasMessageContaining("lists no MX record");
    }

    @Test
    void theInitialDomainComesFromTheOrganizationOnce() {
        graph.stubFor(get("/v1.0/organization?$select=verifiedDomains").willReturn(okJson(ORGANIZATION)));

        assertThat(tenant.initialDomain()).isEqualTo("contoso.onmicrosoft.com");
        assertThat(tenant.initialDomain()).isEqualTo("contoso.onmicrosoft.com");
        graph.verify(1, getRequestedFor(urlPathEqualTo("/v1.0/organization")));
    }

    // -------------------------------------------------------------------- users

    @Test
    void createsAMissingUserWithUsageLocationAndAPasswordToChange() {
        stubUsers("new.user@contoso.com", "[]");
        graph.stubFor(post("/v1.0/users")
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users/$entity",\
                                "id":"87d349ed-44d7-43e1-9a83-5f2406dee5bd","displayName":"New User",\
                                "userPrincipalName":"new.user@contoso.com"}""")));

        tenant.createUser("New.User@contoso.com", "New User");

        graph.verify(postRequestedFor(urlEqualTo("/v1.0/users"))
                .withRequestBody(matchingJsonPath("$.userPrincipalName", equalTo("new.user@contoso.com")))
                .withRequestBody(matchingJsonPath("$.mailNickname", equalTo("new.user")))
                .withRequestBody(matchingJsonPath("$.displayName", equalTo("New User")))
                .withRequestBody(matchingJsonPath("$.accountEnabled", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.usageLocation", equalTo("DE")))
                .withRequestBody(matchingJsonPath("$.passwordProfile.forceChangePasswordNextSignIn", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.passwordProfile.password")));
    }

    @Test
    void anExistingUserIsNotCreatedAgain() {
        stubUsers("adele@contoso.com", "[" + user("u-1", "AdeleV@contoso.com", "SMTP:adele@contoso.com") + "]");

        tenant.createUser("adele@contoso.com", "Adele Vance");

        graph.verify(0, postRequestedFor(urlEqualTo("/v1.0/users")));
    }

    @Test
    void usersAreFoundByUpnMailOrProxyAddressAndTheFilterQuotesTheAddress() {
        stubUsers("o'neil@contoso.com", "[" + user("u-2", "oneil@contoso.com", "smtp:o'neil@contoso.com") + "]");
        stubUsers("ghost@contoso.com", "[]");

        assertThat(tenant.missingUsers(List.of("O'Neil@contoso.com", "ghost@contoso.com", "o'neil@contoso.com")))
                .containsExactly("ghost@contoso.com");
        graph.verify(getRequestedFor(urlPathEqualTo("/v1.0/users"))
                .withQueryParam("$filter", equalTo(filter("o'neil@contoso.com"))));
    }

    @Test
    void aFilterGraphCallsAdvancedIsAskedAgainWithEventualConsistency() {
        graph.stubFor(get(urlPathEqualTo("/v1.0/users"))
                .withQueryParam("$filter", equalTo(filter("adele@contoso.com")))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"error":{"code":"Request_UnsupportedQuery","message":"Unsupported Query."}}""")));
        graph.stubFor(get(urlPathEqualTo("/v1.0/users"))
                .withQueryParam("$filter", equalTo(filter("adele@contoso.com")))
                .withQueryParam("$count", equalTo("true"))
                .withHeader("ConsistencyLevel", equalTo("eventual"))
                .willReturn(okJson("{\"value\":[" + user("u-1", "adele@contoso.com") + "]}")));

        assertThat(tenant.missingUsers(List.of("adele@contoso.com"))).isEmpty();
    }

    @Test
    void manyAddressesAreMatchedAgainstOneListingOfAllUsersPageByPage() {
        List<String> addresses = IntStream.rangeClosed(1, GraphUsers.LOOKUPS_BEFORE_LISTING + 5)
                .mapToObj(i -> "user" + i + "@contoso.com")
                .toList();
        String next = graph.baseUrl() + "/v1.0/users?$top=999&$skiptoken=page2";
        graph.stubFor(get(urlPathEqualTo("/v1.0/users"))
                .withQueryParam("$top", equalTo("999"))
                .withQueryParam("$skiptoken", equalTo("page2"))
                .willReturn(
                        okJson("{\"value\":[" + user("u-2", "other@contoso.com", "smtp:user2@contoso.com") + "]}")));
        graph.stubFor(get(urlEqualTo("/v1.0/users?$top=999&$select=" + GraphUser.SELECT))
                .willReturn(okJson("{\"value\":[" + user("u-1", "USER1@contoso.com") + "],\"@odata.nextLink\":\"" + next
                        + "\"}")));

        List<String> missing = tenant.missingUsers(addresses);

        assertThat(missing).hasSize(addresses.size() - 2).doesNotContain("user1@contoso.com", "user2@contoso.com");
        graph.verify(2, getRequestedFor(urlPathEqualTo("/v1.0/users")));
    }

    @Test
    void theCloudRoutingAddressIsTheProxyAddressInTheInitialDomain() {
        graph.stubFor(get("/v1.0/organization?$select=verifiedDomains").willReturn(okJson(ORGANIZATION)));
        stubUsers(
                "j.smith@contoso.com",
                "["
                        + user(
                                "u-3",
                                "john@contoso.com",
                                "SMTP:j.smith@contoso.com",
                                "smtp:jsmith7@Contoso.onmicrosoft.com",
                                "smtp:jsmith7@contoso.mail.onmicrosoft.com",
                                "SIP:john@contoso.com")
                        + "]");
        stubUsers(
                "hybrid@contoso.com",
                "[" + user("u-4", "hybrid@contoso.com", "smtp:hyb@contoso.mail.onmicrosoft.com") + "]");
        stubUsers(
                "onprem-only@contoso.com",
                "[" + user("u-5", "onprem-only@contoso.com", "SMTP:onprem-only@contoso.com") + "]");
        stubUsers("ghost@contoso.com", "[]");

        assertThat(tenant.cloudRoutingAddress("J.Smith@contoso.com")).contains("jsmith7@contoso.onmicrosoft.com");
        assertThat(tenant.cloudRoutingAddress("hybrid@contoso.com")).contains("hyb@contoso.mail.onmicrosoft.com");
        assertThat(tenant.cloudRoutingAddress("onprem-only@contoso.com")).isEmpty();
        assertThat(tenant.cloudRoutingAddress("ghost@contoso.com")).isEmpty();
    }

    // ----------------------------------------------------------------- licences

    @Test
    void assignsTheConfiguredSkuWhileUnitsAreFreeAndSetsAMissingUsageLocation() {
        graph.stubFor(get("/v1.0/subscribedSkus").willReturn(okJson(SUBSCRIBED_SKUS.formatted(24))));
        stubUsers("a@contoso.com", "[" + user("u-a", "a@contoso.com") + "]");
        stubUsers("b@contoso.com", "[" + user("u-b", "b@contoso.com") + "]");
        stubUsers("c@contoso.com", "[" + licensed(user("u-c", "c@contoso.com")) + "]");
        stubUsers("ghost@contoso.com", "[]");
        graph.stubFor(
                patch(urlEqualTo("/v1.0/users/u-a")).willReturn(aResponse().withStatus(204)));
        graph.stubFor(post("/v1.0/users/u-a/assignLicense")
                .withRequestBody(equalToJson("""
                        {"addLicenses":[{"skuId":"%s","disabledPlans":[]}],"removeLicenses":[]}""".formatted(SKU_ID)))
                .willReturn(okJson("{\"id\":\"u-a\",\"userPrincipalName\":\"a@contoso.com\"}")));

        LicenceResult result =
                tenant.assignLicences(List.of("a@contoso.com", "b@contoso.com", "c@contoso.com", "ghost@contoso.com"));

        assertThat(result.licensed()).containsExactly("a@contoso.com", "c@contoso.com");
        assertThat(result.unlicensed()).containsExactly("ghost@contoso.com", "b@contoso.com");
        assertThat(result.detail())
                .contains("2 user(s) licensed with ENTERPRISEPREMIUM")
                .contains("1 without a licence because ENTERPRISEPREMIUM has no free units left (25 enabled)")
                .contains("1 not in the tenant");
        graph.verify(patchRequestedFor(urlEqualTo("/v1.0/users/u-a"))
                .withRequestBody(equalToJson("{\"usageLocation\":\"DE\"}")));
        graph.verify(0, postRequestedFor(urlEqualTo("/v1.0/users/u-b/assignLicense")));
    }

    @Test
    void aUserMicrosoftRefusesALicenceStaysUnlicensedWithTheReason() {
        graph.stubFor(get("/v1.0/subscribedSkus").willReturn(okJson(SUBSCRIBED_SKUS.formatted(14))));
        stubUsers("a@contoso.com", "[" + user("u-a", "a@contoso.com").replace("null", "\"DE\"") + "]");
        graph.stubFor(post("/v1.0/users/u-a/assignLicense")
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"error":{"code":"Request_BadRequest","message":"License assignment failed because \
                                service plans are mutually exclusive."}}""")));

        LicenceResult result = tenant.assignLicences(List.of("a@contoso.com"));

        assertThat(result.unlicensed()).containsExactly("a@contoso.com");
        assertThat(result.detail()).contains("refused by Microsoft 365").contains("mutually exclusive");
        graph.verify(0, patchRequestedFor(urlEqualTo("/v1.0/users/u-a")));
    }

    @Test
    void anUnknownSkuNamesTheSkusTheTenantHas() {
        M365Properties properties = M365Fixture.properties(graph.baseUrl() + "/v1.0");
        M365Properties otherSku = new M365Properties(
                properties.tenantId(),
                properties.clientId(),
                null,
                null,
                properties.clientSecret(),
                "EXCHANGESTANDARD",
                "DE",
                properties.authority(),
                properties.graphUrl(),
                "outlook.office365.com",
                993,
                null,
                properties.connectTimeout(),
                properties.readTimeout(),
                3,
                properties.maxRetryWait());
        GraphTenant other = new GraphTenant(
                new GraphClient(otherSku, new M365Fixture.CountingTokens(otherSku), null, d -> {}), otherSku);
        graph.stubFor(get("/v1.0/subscribedSkus").willReturn(okJson(SUBSCRIBED_SKUS.formatted(14))));

        assertThatThrownBy(() -> other.assignLicences(List.of("a@contoso.com")))
                .hasMessageContaining("no licence with skuPartNumber EXCHANGESTANDARD")
                .hasMessageContaining("mailferry.m365.licence-sku")
                .hasMessageContaining("ENTERPRISEPREMIUM (11 free)")
                .hasMessageContaining("CRMSTANDARD (0 free)");
    }

    @Test
    void unlicensedUsersAreThoseWithoutTheConfiguredSku() {
        graph.stubFor(get("/v1.0/subscribedSkus").willReturn(okJson(SUBSCRIBED_SKUS.formatted(14))));
        stubUsers("a@contoso.com", "[" + licensed(user("u-a", "a@contoso.com")) + "]");
        stubUsers("b@contoso.com", "[" + user("u-b", "b@contoso.com") + "]");
        stubUsers("ghost@contoso.com", "[]");

        assertThat(tenant.unlicensedUsers(List.of("A@contoso.com", "b@contoso.com", "ghost@contoso.com")))
                .containsExactly("b@contoso.com", "ghost@contoso.com");
    }

    // ------------------------------------------------------------------- groups

    @Test
    void aMailEnabledSecurityGroupThatExistsIsNotMissing() {
        stubGroups(
                "Finance Team",
                "[{\"id\":\"g-1\",\"displayName\":\"Finance Team\",\"mail\":\"finance@contoso.com\","
                        + "\"mailEnabled\":true,\"securityEnabled\":true,\"groupTypes\":[]}]");
        stubGroups("O'Brien's team", "[]");

        assertThat(tenant.missingMailEnabledSecurityGroups(List.of(" Finance Team ", "O'Brien's team")))
                .containsExactly(new MissingSecurityGroup("O'Brien's team", "not in the tenant"));
    }

    @Test
    void aGroupOfAnotherKindIsNotTakenForOne() {
        stubGroups(
                "Sales",
                "[{\"id\":\"g-2\",\"displayName\":\"Sales\",\"mail\":\"sales@contoso.com\","
                        + "\"mailEnabled\":true,\"securityEnabled\":false,\"groupTypes\":[\"Unified\"]}]");
        stubGroups(
                "Admins",
                "[{\"id\":\"g-3\",\"displayName\":\"Admins\",\"mail\":null,"
                        + "\"mailEnabled\":false,\"securityEnabled\":true,\"groupTypes\":[]}]");

        assertThat(tenant.missingMailEnabledSecurityGroups(List.of("Sales", "Admins")))
                .extracting(MissingSecurityGroup::why)
                .satisfiesExactly(
                        why -> assertThat(why)
                                .contains("is a Microsoft 365 group")
                                .contains("rename or remove it"),
                        why -> assertThat(why).contains("is a security group without mail"));
    }

    @Test
    void namesAreValidatedBeforeGraphIsAsked() {
        assertThatThrownBy(() -> tenant.addDomain("not a domain")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tenant.missingMailEnabledSecurityGroups(List.of("Finance", "a;b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a;b");
        assertThat(graph.getAllServeEvents()).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder notFound(String resource) {
        return aResponse()
                .withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody(NOT_FOUND.formatted(resource));
    }

    private static String filter(String address) {
        String quoted = address.replace("'", "''");
        return "userPrincipalName eq '" + quoted + "' or mail eq '" + quoted + "' or proxyAddresses/any(x:x eq 'smtp:"
                + quoted + "')";
    }

    private static void stubUsers(String address, String users) {
        StringValuePattern filter = equalTo(filter(address));
        graph.stubFor(get(urlPathEqualTo("/v1.0/users"))
                .withQueryParam("$filter", filter)
                .withQueryParam("$select", equalTo(GraphUser.SELECT))
                .willReturn(okJson("{\"value\":" + users + "}")));
    }

    private static void stubGroups(String name, String groups) {
        graph.stubFor(get(urlPathEqualTo("/v1.0/groups"))
                .withQueryParam("$filter", equalTo("displayName eq '" + name.replace("'", "''") + "'"))
                .willReturn(okJson("{\"value\":" + groups + "}")));
    }

    /** A user as Graph lists it with Mailferry's $select. */
    private static String user(String id, String upn, String... proxies) {
        StringBuilder list = new StringBuilder();
        for (String proxy : proxies) {
            list.append(list.isEmpty() ? "" : ",").append('"').append(proxy).append('"');
        }
        return "{\"id\":\"" + id + "\",\"userPrincipalName\":\"" + upn + "\",\"mail\":\"" + upn.toLowerCase()
                + "\",\"proxyAddresses\":[" + list + "],\"assignedLicenses\":[],\"usageLocation\":null}";
    }

    private static String licensed(String user) {
        return user.replace(
                "\"assignedLicenses\":[]",
                "\"assignedLicenses\":[{\"disabledPlans\":[],\"skuId\":\"" + SKU_ID.toUpperCase() + "\"}]");
    }
}
