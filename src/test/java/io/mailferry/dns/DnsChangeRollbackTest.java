package io.mailferry.dns;

import static io.mailferry.dns.DnsTestSupport.MICROSOFT_MX;
import static io.mailferry.dns.DnsTestSupport.properties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailferry.dns.server.InMemoryDnsServer;
import io.mailferry.mailbox.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.xbill.DNS.Record;

/** Changes are kept in mf_dns_change (H2 with the real migrations) and rolled back by compare-and-set. */
class DnsChangeRollbackTest {
    InMemoryDnsServer server;
    DnsChangeService changes;
    JdbcTemplate jdbc;

    @BeforeEach
    void start() {
        server = DnsTestSupport.contoso();
        jdbc = new JdbcTemplate(TestDatabase.migrated());
        changes = new DnsChangeService(
                properties(server.port(), Duration.ofSeconds(2), server.hostAndPort()),
                TsigKeySource.NONE,
                new JdbcDnsChangeLog(jdbc));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void replaceMxKeepsThePreviousAndTheNewRecords() {
        DnsChange change =
                changes.replaceMx("contoso.com", MICROSOFT_MX, 0, 3600).orElseThrow();

        assertThat(change.id()).isPositive();
        DnsChange kept = new JdbcDnsChangeLog(jdbc).find(change.id()).orElseThrow();
        assertThat(kept.zone()).isEqualTo("contoso.com");
        assertThat(kept.name()).isEqualTo("contoso.com");
        assertThat(kept.type()).isEqualTo("MX");
        assertThat(kept.server()).isEqualTo(server.hostAndPort());
        assertThat(kept.previousRecords())
                .singleElement()
                .asString()
                .contains("MX")
                .endsWith("10 mail.contoso.com.");
        assertThat(kept.newRecords()).singleElement().asString().endsWith("0 " + MICROSOFT_MX + ".");
    }

    @Test
    void rollbackRestoresTheMx() {
        DnsChange change =
                changes.replaceMx("contoso.com", MICROSOFT_MX, 0, 3600).orElseThrow();

        DnsChange rollback = changes.rollback(change.id());

        assertThat(server.records("contoso.com", "MX"))
                .extracting(Record::rdataToString)
                .containsExactly("10 mail.contoso.com.");
        assertThat(rollback.id()).isGreaterThan(change.id());
        assertThat(rollback.previousRecords()).isEqualTo(change.newRecords());
    }

    @Test
    void rollbackOfAPublishedTxtRemovesOnlyThatRecord() {
        DnsChange change = changes.publishTxt("contoso.com", "MS=ms12345678", 3600);
        assertThat(change.previousRecords()).hasSize(1);
        assertThat(change.newRecords()).hasSize(2);

        changes.rollback(change.id());

        assertThat(server.records("contoso.com", "TXT"))
                .extracting(Record::rdataToString)
                .containsExactly("\"v=spf1 mx -all\"");
    }

    @Test
    void rollbackOfANewCnameDeletesIt() {
        DnsChange change = changes.setCname("autodiscover2.contoso.com", "autodiscover.outlook.com", 3600)
                .orElseThrow();
        assertThat(change.previousRecords()).isEmpty();

        changes.rollback(change.id());

        assertThat(server.records("autodiscover2.contoso.com", "CNAME")).isEmpty();
    }

    @Test
    void rollbackRefusesAfterSomeoneElseChangedTheRecords() {
        DnsChange change =
                changes.replaceMx("contoso.com", MICROSOFT_MX, 0, 3600).orElseThrow();
        server.deleteRRset("contoso.com", "MX");
        server.add("@ 3600 IN MX 5 mx.example.net."); // the customer's admin, afterwards

        assertThatThrownBy(() -> changes.rollback(change.id()))
                .isInstanceOf(DnsChangeException.class)
                .hasMessage("Change " + change.id() + " was not rolled back: the MX of contoso.com changed since "
                        + "Mailferry set it: expected MX 0 " + MICROSOFT_MX + "., found MX 5 mx.example.net.. "
                        + "Nothing was changed; the newer records are someone else's, decide with them.");
        assertThat(server.records("contoso.com", "MX"))
                .extracting(Record::rdataToString)
                .containsExactly("5 mx.example.net.");
    }

    @Test
    void unknownChangeAndNoLogAreExplained() {
        assertThatThrownBy(() -> changes.rollback(999)).hasMessage("No DNS change 999 is recorded");
        DnsChangeService withoutLog = new DnsChangeService(
                properties(server.port(), Duration.ofSeconds(2), server.hostAndPort()),
                TsigKeySource.NONE,
                DnsChangeLog.NONE);
        assertThat(withoutLog
                        .replaceMx("contoso.com", MICROSOFT_MX, 0, 3600)
                        .orElseThrow()
                        .id())
                .isZero();
        assertThatThrownBy(() -> withoutLog.rollback(1)).hasMessageContaining("no change log is kept here");
    }
}
