package io.mailferry.mailrouting;

import static io.mailferry.mailrouting.SwitchMailRoutingIds.ERR_DNS_CHANGE_FAILED;
import static io.mailferry.mailrouting.SwitchMailRoutingIds.ERR_DNS_ROLLBACK_REFUSED;
import static io.mailferry.mailrouting.SwitchMailRoutingIds.TASK_ADD_SPF_INCLUDE;
import static io.mailferry.mailrouting.SwitchMailRoutingIds.TASK_LIST_DNS_CHANGES_MADE;
import static io.mailferry.mailrouting.SwitchMailRoutingIds.TASK_POINT_AUTODISCOVER_AT_MICROSOFT;
import static io.mailferry.mailrouting.SwitchMailRoutingIds.TASK_POINT_MX_AT_MICROSOFT;
import static io.mailferry.mailrouting.SwitchMailRoutingIds.TASK_ROLL_BACK_DNS_CHANGES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.when;

import io.mailferry.demo.DemoDnsConfiguration;
import io.mailferry.dns.DnsChange;
import io.mailferry.dns.DnsChangeOrigin;
import io.mailferry.dns.DnsChangeService;
import io.mailferry.dns.DnsProperties;
import io.mailferry.dns.JdbcDnsChangeLog;
import io.mailferry.dns.TsigKeySource;
import io.mailferry.dns.server.InMemoryDnsServer;
import io.mailferry.mailbox.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.xbill.DNS.Record;

/**
 * The switch's changes by update server as the engine runs them, one delegate per step, against the demo zone on a
 * real DNS server and the change log in H2 (the real migrations): each step's change kept with the step that made it,
 * a failed step as the BPMN error the operator answers, what the operator's form then shows, and the rollback of
 * this process instance's changes and of nothing else.
 */
class DnsChangeStepsTest {
    private static final String MX = "contoso-com.mail.protection.outlook.com";
    private static final String SWITCH = "pi-switch";
    private InMemoryDnsServer zone;
    private DnsChangeService changes;

    @BeforeEach
    void setUp() {
        zone = DemoDnsConfiguration.server(0, 60).start();
        DnsProperties properties = new DnsProperties(
                List.of(zone.hostAndPort()),
                zone.port(),
                Duration.ofSeconds(2),
                new DnsProperties.DynamicUpdate(zone.hostAndPort(), null, null, null));
        changes = new DnsChangeService(
                properties, TsigKeySource.NONE, new JdbcDnsChangeLog(new JdbcTemplate(TestDatabase.migrated())));
    }

    @AfterEach
    void stop() {
        zone.close();
    }

    /** The execution of {@code activity} in process instance {@code processInstance} of migration contoso.com. */
    private static DelegateExecution step(String processInstance, String activity) {
        DelegateExecution execution = MapExecution.of(Map.of("domain", "contoso.com", "mxTargetHost", MX));
        when(execution.getProcessInstanceId()).thenReturn(processInstance);
        when(execution.getProcessBusinessKey()).thenReturn("contoso.com");
        when(execution.getCurrentActivityId()).thenReturn(activity);
        return execution;
    }

    private void switchSpfAndMx(String processInstance) {
        new AddSpfIncludeDelegate(changes, Routing.contoso()).execute(step(processInstance, TASK_ADD_SPF_INCLUDE));
        new PointMxAtMicrosoftDelegate(changes, Routing.contoso())
                .execute(step(processInstance, TASK_POINT_MX_AT_MICROSOFT));
    }

    private String changesShown() {
        DelegateExecution list = step(SWITCH, TASK_LIST_DNS_CHANGES_MADE);
        new ListDnsChangesMadeDelegate(changes).execute(list);
        return (String) list.getVariable("dnsChangesMade");
    }

    private List<String> data(String name, String type) {
        return zone.records(name, type).stream()
                .map(Record::rdataToString)
                .sorted()
                .toList();
    }

    @Test
    void eachStepMakesOneChangeKeptWithTheStepThatMadeIt() {
        switchSpfAndMx(SWITCH);
        new PointAutodiscoverAtMicrosoftDelegate(changes, Routing.contoso())
                .execute(step(SWITCH, TASK_POINT_AUTODISCOVER_AT_MICROSOFT));

        assertThat(data("contoso.com", "MX")).containsExactly("0 " + MX + ".");
        assertThat(data("autodiscover.contoso.com", "CNAME")).containsExactly("autodiscover.outlook.com.");
        assertThat(data("contoso.com", "TXT")).containsExactly("\"v=spf1 mx include:spf.protection.outlook.com -all\"");
        assertThat(changes.changesMadeBy(SWITCH))
                .extracting(c -> c.origin().step(), DnsChange::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(TASK_ADD_SPF_INCLUDE, DnsChange.State.APPLIED),
                        org.assertj.core.groups.Tuple.tuple(TASK_POINT_MX_AT_MICROSOFT, DnsChange.State.APPLIED),
                        org.assertj.core.groups.Tuple.tuple(
                                TASK_POINT_AUTODISCOVER_AT_MICROSOFT, DnsChange.State.APPLIED));
        assertThat(changes.changesMadeBy(SWITCH))
                .allSatisfy(c -> assertThat(c.origin().migration()).isEqualTo("contoso.com"));
    }

    @Test
    void aFailedThirdStepGoesToTheOperatorWithWhatChangedAndTheRollbackRestoresExactlyThatSwitchsChanges() {
        // the on-premises Autodiscover A record: no CNAME can be added beside it
        zone.deleteRRset("autodiscover.contoso.com", "CNAME");
        zone.add("autodiscover 60 IN A 192.0.2.10");
        // another migration's verification record, made before: neither shown nor rolled back here
        changes.madeBy(new DnsChangeOrigin("fabrikam.com", "pi-other", "Task_PublishVerificationRecord"))
                .publishTxt("contoso.com", "MS=ms12345678", 60);
        switchSpfAndMx(SWITCH);

        BpmnError failed = catchThrowableOfType(
                () -> new PointAutodiscoverAtMicrosoftDelegate(changes, Routing.contoso())
                        .execute(step(SWITCH, TASK_POINT_AUTODISCOVER_AT_MICROSOFT)),
                BpmnError.class);

        assertThat(failed.getErrorCode()).isEqualTo(ERR_DNS_CHANGE_FAILED);
        assertThat(failed.getMessage())
                .isEqualTo(zone.hostAndPort() + " accepted the update (CNAME autodiscover.contoso.com -> "
                        + "autodiscover.outlook.com) but does not serve the CNAME: autodiscover.contoso.com has other "
                        + "records, and a CNAME cannot coexist with them. Remove them first (by hand, they may "
                        + "matter), then retry.");
        assertThat(changesShown())
                .contains(" APPLIED ")
                .contains("  TXT contoso.com  (migration contoso.com, Task_AddSpfInclude)")
                .contains("    before: contoso.com. 60 IN TXT \"v=spf1 mx -all\"")
                .contains("    after:  contoso.com. 60 IN TXT \"v=spf1 mx include:spf.protection.outlook.com -all\"")
                .contains("    before: contoso.com. 60 IN MX 10 mail.contoso.com.")
                .contains("    after:  contoso.com. 3600 IN MX 0 " + MX + ".")
                .contains(" FAILED ")
                .contains(
                        "  CNAME autodiscover.contoso.com  (migration contoso.com, Task_PointAutodiscoverAtMicrosoft)")
                .contains("    to set: autodiscover.contoso.com. 3600 IN CNAME autodiscover.outlook.com.")
                .contains("    why:    " + zone.hostAndPort() + " accepted the update")
                .doesNotContain("Task_PublishVerificationRecord")
                .doesNotContain("fabrikam.com");

        new RollBackDnsChangesDelegate(changes).execute(step(SWITCH, TASK_ROLL_BACK_DNS_CHANGES));

        assertThat(data("contoso.com", "MX")).containsExactly("10 mail.contoso.com.");
        assertThat(data("contoso.com", "TXT")).containsExactly("\"MS=ms12345678\"", "\"v=spf1 mx -all\"");
        assertThat(data("autodiscover.contoso.com", "A")).containsExactly("192.0.2.10");
        List<DnsChange> log = changes.changesMadeBy(SWITCH);
        assertThat(changesShown())
                .contains("rolls back change " + log.get(1).id() + "  (migration contoso.com, Task_RollBackDnsChanges)")
                .contains(
                        "rolls back change " + log.get(0).id() + "  (migration contoso.com, Task_RollBackDnsChanges)");
    }

    @Test
    void aRefusedRollbackGoesToTheOperatorWithTheRecordsFoundAndNothingIsOverwritten() {
        switchSpfAndMx(SWITCH);
        zone.deleteRRset("contoso.com", "MX");
        zone.add("@ 3600 IN MX 5 mx.example.net."); // the customer's admin, afterwards

        BpmnError refused = catchThrowableOfType(
                () -> new RollBackDnsChangesDelegate(changes).execute(step(SWITCH, TASK_ROLL_BACK_DNS_CHANGES)),
                BpmnError.class);

        long mx = changes.changesMadeBy(SWITCH).get(1).id();
        assertThat(refused.getErrorCode()).isEqualTo(ERR_DNS_ROLLBACK_REFUSED);
        assertThat(refused.getMessage())
                .isEqualTo("Change " + mx + " was not rolled back: the MX of contoso.com changed since Mailferry "
                        + "set it: expected MX 0 " + MX + "., found MX 5 mx.example.net.. Nothing was changed; the "
                        + "newer records are someone else's, decide with them.");
        assertThat(data("contoso.com", "MX")).containsExactly("5 mx.example.net.");
        assertThat(data("contoso.com", "TXT"))
                .as("the newest change is refused first, so nothing older is rolled back under it")
                .containsExactly("\"v=spf1 mx include:spf.protection.outlook.com -all\"");
    }

    @Test
    void valuesFromDnsReachTheOperatorEscapedAndCapped() {
        zone.deleteRRset("contoso.com", "TXT");
        zone.add("@ 60 IN TXT \"v=spf1 mx ```\\010# Urgent [log in](https://evil.example) ![](https://evil.example/t)"
                + " -all\"");
        new AddSpfIncludeDelegate(changes, Routing.contoso()).execute(step(SWITCH, TASK_ADD_SPF_INCLUDE));
        StringBuilder huge = new StringBuilder("@ 60 IN TXT");
        for (int i = 0; i < 12; i++) {
            huge.append(" \"").append("`".repeat(255)).append('"');
        }
        zone.deleteRRset("contoso.com", "TXT");
        zone.add(huge.toString()); // someone else's record, 3,060 backquotes long

        BpmnError refused = catchThrowableOfType(
                () -> new RollBackDnsChangesDelegate(changes).execute(step(SWITCH, TASK_ROLL_BACK_DNS_CHANGES)),
                BpmnError.class);
        String shown = changesShown();

        assertThat(refused.getMessage())
                .startsWith("Change ")
                .doesNotContain("`")
                .contains("\\096\\096\\096")
                .endsWith("…")
                .hasSizeLessThanOrEqualTo(1_500);
        assertThat(shown)
                .doesNotContain("`")
                .doesNotContain("\n#")
                .doesNotContain("\n!")
                .contains("\\096\\096\\096\\010# Urgent [log in](https://evil.example)")
                .hasSizeLessThanOrEqualTo(3_500);
        assertThat(shown.lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(600));
    }
}
