package io.mailferry.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailferry.text.Rendered;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class InMemoryTenantTest {
    private final Map<String, List<String>> dns = new ConcurrentHashMap<>();
    private final InMemoryTenant tenant = tenant("tenant-a", 3);

    private InMemoryTenant tenant(String id, int licences) {
        return new InMemoryTenant(new TenantProperties(id, licences), name -> dns.getOrDefault(name, List.of()));
    }

    @Test
    void verificationTokenIsStablePerDomainAndTenant() {
        String token = tenant.addDomain("contoso.com");
        assertThat(token).matches("MS=ms\\d{8}");
        assertThat(tenant.addDomain("Contoso.COM")).isEqualTo(token);
        assertThat(tenant("tenant-a", 3).addDomain("contoso.com")).isEqualTo(token);
        assertThat(tenant("tenant-b", 3).addDomain("contoso.com")).isNotEqualTo(token);
        assertThat(tenant.addDomain("fabrikam.com")).isNotEqualTo(token);
    }

    @Test
    void verifiesOnlyOnceTheTokenIsPublished() {
        String token = tenant.addDomain("contoso.com");

        DomainVerification none = tenant.verifyDomain("contoso.com");
        assertThat(none.verified()).isFalse();
        assertThat(none.detail()).contains("No TXT records").contains(token);

        dns.put("contoso.com", List.of("v=spf1 mx -all", "MS=ms00000001"));
        DomainVerification wrong = tenant.verifyDomain("contoso.com");
        assertThat(wrong.verified()).isFalse();
        assertThat(wrong.detail())
                .contains("MS=ms00000001")
                .contains("another tenant")
                .contains(token);
        assertThat(tenant.isDomainVerified("contoso.com")).isFalse();

        dns.put("contoso.com", List.of("v=spf1 mx -all", "\"" + token + "\""));
        DomainVerification ok = tenant.verifyDomain("contoso.com");
        assertThat(ok.verified()).isTrue();
        assertThat(tenant.isDomainVerified("CONTOSO.com")).isTrue();
        tenant.addDomain("fabrikam.com");
        assertThat(tenant.verifiedDomains())
                .as("added but unverified domains are not listed")
                .containsExactly("contoso.com");

        dns.clear();
        assertThat(tenant.verifyDomain("contoso.com").verified())
                .as("verification sticks")
                .isTrue();
    }

    @Test
    void explainsUnaddedDomainsAndFailedLookups() {
        assertThat(tenant.verifyDomain("contoso.com").detail()).contains("has not been added");

        InMemoryTenant broken = new InMemoryTenant(new TenantProperties("t", 1), name -> {
            throw new IllegalStateException("SERVFAIL from 127.0.0.1:53");
        });
        broken.addDomain("contoso.com");
        DomainVerification result = broken.verifyDomain("contoso.com");
        assertThat(result.verified()).isFalse();
        assertThat(result.detail()).contains("SERVFAIL").contains("try again");
    }

    @Test
    void rejectsInvalidDomains() {
        assertThatThrownBy(() -> tenant.addDomain("not a domain")).hasMessageContaining("not a valid domain");
        assertThatThrownBy(() -> tenant.addDomain("contoso")).hasMessageContaining("not a valid domain");
    }

    @Test
    void licencePoolRunsOut() {
        for (int i = 1; i <= 5; i++) {
            tenant.createUser("user0" + i + "@contoso.com", "User 0" + i);
        }
        tenant.createUser("user01@contoso.com", "again");

        LicenceResult first = tenant.assignLicences(List.of("user01@contoso.com", "user02@contoso.com"));
        assertThat(first.licensed()).containsExactly("user01@contoso.com", "user02@contoso.com");
        assertThat(first.unlicensed()).isEmpty();

        List<String> all = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            all.add("USER0" + i + "@contoso.com");
        }
        all.add("ghost@contoso.com");
        LicenceResult second = tenant.assignLicences(all);
        assertThat(second.licensed())
                .as("already licensed users count")
                .containsExactly("user01@contoso.com", "user02@contoso.com", "user03@contoso.com");
        assertThat(second.unlicensed())
                .containsExactlyInAnyOrder("user04@contoso.com", "user05@contoso.com", "ghost@contoso.com");
        assertThat(Rendered.text(second.detail())).contains("all 3 licences").contains("ghost@contoso.com");
        assertThat(tenant.unlicensedUsers(all))
                .containsExactly("user04@contoso.com", "user05@contoso.com", "ghost@contoso.com");
        assertThat(tenant.licencesInUse()).isEqualTo(3);
    }

    @Test
    void securityGroupsAreValidatedAndIdempotent() {
        tenant.createMailEnabledSecurityGroup("Migration Pilot");
        tenant.createMailEnabledSecurityGroup("migration pilot");
        assertThat(tenant.groupNames()).containsExactly("Migration Pilot");

        assertThatThrownBy(() -> tenant.createMailEnabledSecurityGroup(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a name");
        assertThatThrownBy(() -> tenant.createMailEnabledSecurityGroup("Sales; Marketing"))
                .hasMessageContaining("must not contain");
        assertThatThrownBy(() -> tenant.createMailEnabledSecurityGroup("x".repeat(65)))
                .hasMessageContaining("longer than 64");
    }

    @Test
    void aMissingSecurityGroupIsThereAtTheNextCheckAsIfTheAdministratorRanTheCommandShown() {
        tenant.createMailEnabledSecurityGroup("Finance");

        assertThat(tenant.missingMailEnabledSecurityGroups(List.of("finance", "HR", "hr")))
                .as("Finance exists (names compare case-insensitively); HR is reported once")
                .containsExactly(new MissingSecurityGroup("HR", "not in the tenant"));
        assertThat(tenant.groupNames()).containsExactly("Finance");

        assertThat(tenant.missingMailEnabledSecurityGroups(List.of("Finance", "HR")))
                .isEmpty();
        assertThat(tenant.groupNames()).containsExactly("Finance", "HR");
    }

    @Test
    void securityGroupNamesAreAllValidatedBeforeAnyIsLookedUp() {
        assertThatThrownBy(() -> tenant.missingMailEnabledSecurityGroups(List.of("Finance", "Sales; Marketing")))
                .hasMessageContaining("Sales; Marketing");
        assertThat(tenant.missingMailEnabledSecurityGroups(List.of("Finance")))
                .as("nothing was reported missing by the refused check, so nothing was created since")
                .hasSize(1);
    }

    @Test
    void mxTargetFollowsMicrosoftsNaming() {
        assertThat(tenant.mxTarget("Contoso.com")).isEqualTo("contoso-com.mail.protection.outlook.com");
        assertThat(tenant.mxTarget("mail.fabrikam.co.uk")).isEqualTo("mail-fabrikam-co-uk.mail.protection.outlook.com");
    }

    @Test
    void createUserRejectsMalformedAddresses() {
        assertThatThrownBy(() -> tenant.createUser("nobody", "x")).hasMessageContaining("not a valid e-mail");
        for (String dotty : new String[] {".pilar@contoso.com", "pilar.@contoso.com", "pi..lar@contoso.com"}) {
            assertThatThrownBy(() -> tenant.createUser(dotty, "x"))
                    .as(dotty)
                    .hasMessageContaining("not a valid e-mail");
        }
        tenant.createUser("pilar.perez@contoso.com", null);
        assertThat(tenant.userExists("pilar.perez@contoso.com"))
                .as("single dots are fine")
                .isTrue();
        tenant.createUser("User01@Contoso.com", null);
        assertThat(tenant.userExists("user01@contoso.com")).isTrue();
    }

    @Test
    void namesTheListedAddressesDirectorySynchronisationHasNotCreated() {
        tenant.createUser("user01@contoso.com", "User 01");
        tenant.createUser("user03@contoso.com", "User 03");

        assertThat(tenant.missingUsers(List.of(
                        "USER01@contoso.com",
                        "user02@contoso.com",
                        "user03@contoso.com",
                        "User02@Contoso.com",
                        "ghost@fabrikam.com")))
                .containsExactly("user02@contoso.com", "ghost@fabrikam.com");
        assertThat(tenant.missingUsers(List.of("user03@contoso.com"))).isEmpty();
    }

    @Test
    void initialDomainIsConfiguredOrRefusedWithTheSettingToFix() {
        assertThatThrownBy(tenant::initialDomain)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mailferry.tenant.initial-domain");
        InMemoryTenant configured =
                new InMemoryTenant(new TenantProperties("t", 1, false, " Contoso.OnMicrosoft.com "), name -> List.of());
        assertThat(configured.initialDomain()).isEqualTo("contoso.onmicrosoft.com");
        assertThatThrownBy(() -> new TenantProperties("t", 1, false, "contoso onmicrosoft"))
                .hasMessageContaining("mailferry.tenant.initial-domain")
                .hasMessageContaining("not a valid domain");
    }

    @Test
    void cloudRoutingAddressOfAKnownUserIsTheLocalPartInTheInitialDomain() {
        InMemoryTenant configured =
                new InMemoryTenant(new TenantProperties("t", 1, false, "contoso.onmicrosoft.com"), name -> List.of());

        assertThat(configured.cloudRoutingAddress("user01@contoso.com"))
                .as("no such user in the tenant")
                .isEmpty();
        configured.createUser("user01@contoso.com", "User 1");
        assertThat(configured.cloudRoutingAddress(" User01@Contoso.COM")).contains("user01@contoso.onmicrosoft.com");
        assertThatThrownBy(() -> configured.cloudRoutingAddress("not an address"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tenant.cloudRoutingAddress("user01@contoso.com"))
                .as("without an initial domain there is nothing to route to")
                .hasMessageContaining("mailferry.tenant.initial-domain");
    }
}
