package io.mailferry.mailrouting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.mailferry.authority.NotThisMigrationException;
import io.mailferry.demo.DemoDnsConfiguration;
import io.mailferry.dns.DnsChangeLog;
import io.mailferry.dns.DnsChangeService;
import io.mailferry.dns.DnsLookupService;
import io.mailferry.dns.DnsProperties;
import io.mailferry.dns.MicrosoftRecords;
import io.mailferry.dns.TsigKeySource;
import io.mailferry.dns.server.InMemoryDnsServer;
import io.mailferry.mailbox.TestDatabase;
import io.mailferry.process.OwnedMigration;
import io.mailferry.process.ProcessTestSupport;
import io.mailferry.tenant.Tenant;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Record;

/**
 * The MX change and the routing check with variables an attacker set (a task completion, Cockpit or REST): the
 * {@code mxTargetHost} of another server and the {@code domain} of another zone. The update server writes the
 * tenant's MX for the domain the migration validated at its start, and the check does not call an attacker's MX
 * routed.
 */
class RoutingAuthorityTest {
    private static final String MIGRATION = "pi-migration";
    private static final String TENANT_MX = MicrosoftRecords.mxHost("contoso.com");
    private InMemoryDnsServer zone;
    private DnsChangeService changes;
    private DnsLookupService dns;
    private RoutingRecords records;

    @BeforeEach
    void setUp() {
        zone = DemoDnsConfiguration.server(0, 60).start();
        DnsProperties properties = new DnsProperties(
                List.of(zone.hostAndPort()),
                zone.port(),
                Duration.ofSeconds(2),
                new DnsProperties.DynamicUpdate(zone.hostAndPort(), null, null, null));
        changes = new DnsChangeService(properties, TsigKeySource.NONE, DnsChangeLog.NONE);
        dns = new DnsLookupService(properties);
        OwnedMigration owned = ProcessTestSupport.owned(TestDatabase.migrated());
        ProcessTestSupport.adopt(owned, MIGRATION, "contoso.com");
        Tenant tenant = mock(Tenant.class);
        when(tenant.mxTarget(anyString())).thenAnswer(call -> MicrosoftRecords.mxHost(call.getArgument(0)));
        records = new RoutingRecords(owned, tenant);
    }

    @AfterEach
    void stop() {
        zone.close();
    }

    private static DelegateExecution attacked(String processInstance) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("domain", "attacker.example");
        variables.put("mxTargetHost", "mx.attacker.example");
        DelegateExecution execution = MapExecution.of(variables);
        when(execution.getProcessInstanceId()).thenReturn(processInstance);
        when(execution.getProcessBusinessKey()).thenReturn("contoso.com");
        when(execution.getCurrentActivityId()).thenReturn(SwitchMailRoutingIds.TASK_POINT_MX_AT_MICROSOFT);
        return execution;
    }

    @Test
    void theMxPointsAtTheTenantsHostWhateverTheVariablesSay() {
        new PointMxAtMicrosoftDelegate(changes, records).execute(attacked(MIGRATION));

        assertThat(zone.records("contoso.com", "MX").stream().map(Record::rdataToString))
                .containsExactly("0 " + TENANT_MX + ".");
    }

    @Test
    void anAttackersMxIsNotReportedAsRouted() {
        zone.deleteRRset("contoso.com", "MX");
        zone.add("@ 3600 IN MX 0 mx.attacker.example.");
        zone.deleteRRset("autodiscover.contoso.com", "CNAME");
        zone.add("autodiscover 3600 IN CNAME autodiscover.outlook.com.");
        DelegateExecution check = attacked(MIGRATION);

        new VerifyMailRoutingDelegate(dns, records).execute(check);

        assertThat(check.getVariable("routingVerified")).isEqualTo(false);
        assertThat((String) check.getVariable("routingStatus")).contains("mx.attacker.example");
    }

    @Test
    void aStepOutsideAnyMigrationChangesNothing() {
        assertThatThrownBy(() -> new PointMxAtMicrosoftDelegate(changes, records).execute(attacked("pi-started-alone")))
                .isInstanceOf(NotThisMigrationException.class)
                .hasMessageContaining("no migration Mailferry started");
        assertThat(zone.records("contoso.com", "MX").stream().map(Record::rdataToString))
                .doesNotContain("0 mx.attacker.example.", "0 " + TENANT_MX + ".");
    }
}
