package io.mailferry.dns;

import static io.mailferry.dns.DnsTestSupport.MICROSOFT_MX;
import static io.mailferry.dns.DnsTestSupport.properties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailferry.dns.DnsChange.State;
import io.mailferry.dns.server.InMemoryDnsServer;
import io.mailferry.mailbox.TestDatabase;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;

/**
 * The change log around each RFC 2136 update (H2 with the real migrations, the in-JVM server): the records before a
 * change are committed before the update leaves, whatever becomes of the caller's transaction, and the entry then
 * says whether the server applied it. A step's changes are rolled back together after a later one failed.
 */
class DnsChangeStateTest {
    private static final String MIGRATION = "contoso.com";
    private static final String SWITCH = "pi-switch";
    private static final List<String> SWITCH_STEPS =
            List.of("Task_AddSpfInclude", "Task_PointMxAtMicrosoft", "Task_PointAutodiscoverAtMicrosoft");

    private InMemoryDnsServer server;
    private DataSource database;
    private JdbcTemplate jdbc;

    @BeforeEach
    void start() {
        server = DnsTestSupport.contoso();
        database = TestDatabase.migrated();
        jdbc = new JdbcTemplate(database);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private DnsChangeService service(String updateServer, Duration timeout) {
        return new DnsChangeService(
                properties(server.port(), timeout, updateServer), TsigKeySource.NONE, new JdbcDnsChangeLog(jdbc));
    }

    private DnsChangeService changes() {
        return service(server.hostAndPort(), Duration.ofSeconds(2));
    }

    private static DnsChangeService step(DnsChangeService service, String processInstance, String step) {
        return service.madeBy(new DnsChangeOrigin(MIGRATION, processInstance, step));
    }

    private DnsChange kept(long id) {
        return new JdbcDnsChangeLog(jdbc).find(id).orElseThrow();
    }

    private List<String> data(String name, String type) {
        return server.records(name, type).stream()
                .map(Record::rdataToString)
                .sorted()
                .toList();
    }

    private GatedUdpProxy proxy(GatedUdpProxy.Gate queries, GatedUdpProxy.Gate replies) throws Exception {
        return new GatedUdpProxy(new InetSocketAddress(server.address(), server.port()), queries, replies);
    }

    @Test
    void theRecordsBeforeAChangeAreCommittedBeforeItsUpdateIsSent() throws Exception {
        List<List<String>> seenWhenTheUpdateArrived = new ArrayList<>();
        JdbcTemplate elsewhere = new JdbcTemplate(database); // another connection: sees committed rows only
        TransactionTemplate job = new TransactionTemplate(new DataSourceTransactionManager(database));
        try (GatedUdpProxy proxy = proxy(
                message -> {
                    if (message.getHeader().getOpcode() == Opcode.UPDATE) {
                        seenWhenTheUpdateArrived.add(elsewhere.queryForList(
                                "SELECT state || ' ' || name || ' ' || type || ' ' || previous_records "
                                        + "FROM mf_dns_change",
                                String.class));
                    }
                    return true;
                },
                reply -> true)) {
            DnsChange change = job.execute(status -> step(
                            service(proxy.hostAndPort(), Duration.ofSeconds(2)), SWITCH, "Task_PointMxAtMicrosoft")
                    .replaceMx("contoso.com", MICROSOFT_MX, 0, 3600)
                    .orElseThrow());

            assertThat(seenWhenTheUpdateArrived)
                    .singleElement()
                    .asList()
                    .singleElement()
                    .asString()
                    .startsWith("PENDING contoso.com MX contoso.com.")
                    .endsWith("IN\tMX\t10 mail.contoso.com.");
            DnsChange kept = kept(change.id());
            assertThat(kept.state()).isEqualTo(State.APPLIED);
            assertThat(kept.appliedAt()).isNotNull();
            assertThat(kept.origin()).isEqualTo(new DnsChangeOrigin(MIGRATION, SWITCH, "Task_PointMxAtMicrosoft"));
            assertThat(kept.newRecords()).singleElement().asString().endsWith("0 " + MICROSOFT_MX + ".");
        }
    }

    @Test
    void whenTheThirdChangeFailsTheFirstTwoStayAppliedWithTheirRecordsBeforeAndRollBackTogether() {
        // An on-premises Autodiscover A record: a CNAME cannot be added beside it, so the third change fails.
        server.deleteRRset("autodiscover.contoso.com", "CNAME");
        server.add("autodiscover 3600 IN A 192.0.2.10");
        TransactionTemplate job = new TransactionTemplate(new DataSourceTransactionManager(database));
        DnsChangeService changes = changes();

        assertThatThrownBy(() -> job.executeWithoutResult(status -> {
                    jdbc.update("INSERT INTO mf_notice_sent VALUES ('job-marker', 'nobody', CURRENT_TIMESTAMP)");
                    step(changes, SWITCH, "Task_AddSpfInclude")
                            .addSpfInclude("contoso.com", MicrosoftRecords.SPF_INCLUDE_DOMAIN);
                    step(changes, SWITCH, "Task_PointMxAtMicrosoft").replaceMx("contoso.com", MICROSOFT_MX, 0, 3600);
                    step(changes, SWITCH, "Task_PointAutodiscoverAtMicrosoft")
                            .setCname("autodiscover.contoso.com", MicrosoftRecords.AUTODISCOVER_TARGET, 3600);
                }))
                .isInstanceOf(DnsChangeException.class)
                .hasMessage(server.hostAndPort() + " accepted the update (CNAME autodiscover.contoso.com -> "
                        + "autodiscover.outlook.com) but does not serve the CNAME: autodiscover.contoso.com has other "
                        + "records, and a CNAME cannot coexist with them. Remove them first (by hand, they may "
                        + "matter), then retry.");

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mf_notice_sent", Integer.class))
                .as("the job's own writes rolled back")
                .isZero();
        List<DnsChange> log = changes.changesMadeBy(SWITCH);
        assertThat(log)
                .extracting(DnsChange::type, DnsChange::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("TXT", State.APPLIED),
                        org.assertj.core.groups.Tuple.tuple("MX", State.APPLIED),
                        org.assertj.core.groups.Tuple.tuple("CNAME", State.FAILED));
        assertThat(log.get(0).previousRecords()).singleElement().asString().endsWith("\"v=spf1 mx -all\"");
        assertThat(log.get(1).previousRecords()).singleElement().asString().endsWith("10 mail.contoso.com.");
        assertThat(log.get(2).failure()).contains("does not serve the CNAME");
        assertThat(data("contoso.com", "MX")).as("live on the server").containsExactly("0 " + MICROSOFT_MX + ".");

        List<DnsChange> rollbacks = changes.rollbackChanges(SWITCH, SWITCH_STEPS);

        assertThat(rollbacks)
                .extracting(DnsChange::rollbackOf)
                .containsExactly(log.get(1).id(), log.get(0).id());
        assertThat(rollbacks).extracting(DnsChange::state).containsOnly(State.APPLIED);
        assertThat(data("contoso.com", "MX")).containsExactly("10 mail.contoso.com.");
        assertThat(data("contoso.com", "TXT")).containsExactly("\"v=spf1 mx -all\"");
        assertThat(data("autodiscover.contoso.com", "A")).containsExactly("192.0.2.10");
        long serial = server.soaSerial();
        assertThat(changes.rollbackChanges(SWITCH, SWITCH_STEPS))
                .as("run again: nothing is left to roll back")
                .isEmpty();
        assertThat(server.soaSerial()).isEqualTo(serial);
    }

    @Test
    void onlyTheGivenStepsOfTheOneProcessAreRolledBack() {
        DnsChangeService changes = changes();
        step(changes, SWITCH, "Task_ApplyMxTtl").lowerMxTtl("contoso.com", 300);
        step(changes, "pi-other-migration", "Task_PublishVerificationRecord")
                .publishTxt("contoso.com", "MS=ms12345678", 3600);
        DnsChange mx = step(changes, SWITCH, "Task_PointMxAtMicrosoft")
                .replaceMx("contoso.com", MICROSOFT_MX, 0, 3600)
                .orElseThrow();

        changes.rollbackChanges(SWITCH, SWITCH_STEPS);

        assertThat(server.records("contoso.com", "MX"))
                .as("back to the lowered TTL, which is not a step of the switch")
                .singleElement()
                .satisfies(r -> assertThat(r.rdataToString()).isEqualTo("10 mail.contoso.com."))
                .satisfies(r -> assertThat(r.getTTL()).isEqualTo(300));
        assertThat(data("contoso.com", "TXT")).contains("\"MS=ms12345678\"");
        assertThatThrownBy(() -> changes.rollback(mx.id()))
                .isInstanceOf(DnsChangeException.class)
                .hasMessageMatching("Change " + mx.id() + " \\(MX of contoso.com\\) was rolled back already, by "
                        + "change \\d+\\. Nothing was changed\\.");
    }

    @Test
    void aRefusedUpdateIsKeptAsFailedWithTheServersReason() {
        DnsChangeService changes = changes();
        List<MxRecord> stale = List.of(new MxRecord(20, "old.contoso.com", 3600));

        assertThatThrownBy(() -> changes.replaceMx("contoso.com", stale, MICROSOFT_MX, 0, 3600))
                .hasMessageContaining("NXRRSET, the MX records changed after Mailferry read them");

        DnsChange failed = changes.latestChanges(1).get(0);
        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.failure())
                .startsWith(server.hostAndPort() + " did not apply the update of zone contoso.com (replace MX of "
                        + "contoso.com by 0 " + MICROSOFT_MX + "): NXRRSET");
        assertThat(failed.previousRecords()).singleElement().asString().endsWith("20 old.contoso.com.");
        assertThatThrownBy(() -> changes.rollback(failed.id()))
                .hasMessageStartingWith("Change " + failed.id() + " (MX of contoso.com) was never applied ("
                        + server.hostAndPort() + " did not apply");
    }

    @Test
    void anUpdateWhoseReplyIsLostStaysPendingAndIsRolledBackOnceTheServerShowsItWasApplied() throws Exception {
        DnsChangeService changes = changes();
        try (GatedUdpProxy proxy =
                proxy(query -> true, reply -> reply.getHeader().getOpcode() != Opcode.UPDATE)) {
            DnsChangeService lossy =
                    step(service(proxy.hostAndPort(), Duration.ofMillis(500)), SWITCH, "Task_PointMxAtMicrosoft");
            assertThatThrownBy(() -> lossy.replaceMx("contoso.com", MICROSOFT_MX, 0, 3600))
                    .hasMessageStartingWith("No reply from " + proxy.hostAndPort() + " to the update of zone "
                            + "contoso.com (replace MX of contoso.com by 0 " + MICROSOFT_MX + ")")
                    .hasMessageEndingWith("The change may or may not have been made; check the zone before retrying.");
        }
        DnsChange pending = changes.changesMadeBy(SWITCH).get(0);
        assertThat(pending.state()).isEqualTo(State.PENDING);
        assertThat(pending.failure()).startsWith("No reply from");
        assertThat(pending.newRecords()).singleElement().asString().endsWith("0 " + MICROSOFT_MX + ".");
        assertThat(data("contoso.com", "MX")).as("applied after all").containsExactly("0 " + MICROSOFT_MX + ".");

        List<DnsChange> rollbacks = changes.rollbackChanges(SWITCH, SWITCH_STEPS);

        assertThat(kept(pending.id()).state()).isEqualTo(State.APPLIED);
        assertThat(rollbacks).singleElement().extracting(DnsChange::rollbackOf).isEqualTo(pending.id());
        assertThat(data("contoso.com", "MX")).containsExactly("10 mail.contoso.com.");
    }

    @Test
    void anUpdateThatNeverArrivedIsFoundFailedWhenLookedAtAndNothingIsSent() throws Exception {
        DnsChangeService changes = changes();
        try (GatedUdpProxy proxy = proxy(query -> query.getHeader().getOpcode() != Opcode.UPDATE, reply -> true)) {
            DnsChangeService lossy =
                    step(service(proxy.hostAndPort(), Duration.ofMillis(500)), SWITCH, "Task_PointMxAtMicrosoft");
            assertThatThrownBy(() -> lossy.replaceMx("contoso.com", MICROSOFT_MX, 0, 3600))
                    .hasMessageStartingWith("No reply from " + proxy.hostAndPort());
        }
        DnsChange pending = changes.changesMadeBy(SWITCH).get(0);
        assertThat(pending.state()).isEqualTo(State.PENDING);
        long serial = server.soaSerial();

        assertThatThrownBy(() -> changes.rollback(pending.id()))
                .isInstanceOf(DnsChangeException.class)
                .hasMessage("Change " + pending.id() + " (MX of contoso.com) was never applied (Never applied: "
                        + server.hostAndPort() + " still had the records from before it when Mailferry looked "
                        + "again), so there is nothing to roll back.");

        assertThat(kept(pending.id()).state()).isEqualTo(State.FAILED);
        assertThat(changes.rollbackChanges(SWITCH, SWITCH_STEPS)).isEmpty();
        assertThat(server.soaSerial()).as("nothing sent").isEqualTo(serial);
    }

    @Test
    void aPendingChangeTheServerCannotExplainIsNotRolledBack() throws Exception {
        DnsChangeService changes = changes();
        try (GatedUdpProxy proxy =
                proxy(query -> true, reply -> reply.getHeader().getOpcode() != Opcode.UPDATE)) {
            DnsChangeService lossy =
                    step(service(proxy.hostAndPort(), Duration.ofMillis(500)), SWITCH, "Task_PointMxAtMicrosoft");
            assertThatThrownBy(() -> lossy.replaceMx("contoso.com", MICROSOFT_MX, 0, 3600));
        }
        DnsChange pending = changes.changesMadeBy(SWITCH).get(0);
        server.deleteRRset("contoso.com", "MX");
        server.add("@ 3600 IN MX 5 mx.example.net."); // the customer's admin, meanwhile

        assertThatThrownBy(() -> changes.rollbackChanges(SWITCH, SWITCH_STEPS))
                .isInstanceOf(DnsChangeException.class)
                .hasMessageStartingWith("The outcome of change " + pending.id() + " (MX of contoso.com) is not known "
                        + "(No reply from ")
                .hasMessageEndingWith(", and the update server has neither the records from before it nor those it "
                        + "was to set: it has MX 5 mx.example.net.. Nothing was changed; look at the zone and decide "
                        + "what it should have.");

        assertThat(data("contoso.com", "MX")).containsExactly("5 mx.example.net.");
        assertThat(kept(pending.id()).state()).isEqualTo(State.PENDING);
    }

    @Test
    void aStepRunAgainChangesNothingThatIsInPlaceAlready() {
        DnsChangeService changes = step(changes(), SWITCH, "Task_PointMxAtMicrosoft");
        changes.replaceMx("contoso.com", MICROSOFT_MX, 0, 3600).orElseThrow();
        changes.setCname("autodiscover.contoso.com", MicrosoftRecords.AUTODISCOVER_TARGET, 3600)
                .orElseThrow();
        long serial = server.soaSerial();

        assertThat(changes.replaceMx("contoso.com", MICROSOFT_MX, 0, 3600)).isEmpty();
        assertThat(changes.setCname("autodiscover.contoso.com", MicrosoftRecords.AUTODISCOVER_TARGET, 3600))
                .isEmpty();
        assertThat(server.soaSerial()).isEqualTo(serial);
        assertThat(changes.changesMadeBy(SWITCH)).hasSize(2);
    }
}
