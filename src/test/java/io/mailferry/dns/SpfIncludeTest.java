package io.mailferry.dns;

import static io.mailferry.dns.DnsTestSupport.properties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailferry.dns.server.InMemoryDnsServer;
import io.mailferry.mailbox.TestDatabase;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;

/**
 * The optional SPF change of the MX step: Microsoft's include added to the one SPF record by RFC 2136 compare-and-set,
 * the other TXT records untouched, kept in the change log so it can be rolled back.
 */
class SpfIncludeTest {
    private static final String MICROSOFT = MicrosoftRecords.SPF_INCLUDE_DOMAIN;
    private InMemoryDnsServer server;
    private DnsChangeService changes;

    @BeforeEach
    void start() {
        server = DnsTestSupport.contoso();
        server.add("@ 3600 IN TXT \"MS=ms12345678\"");
        changes = service(server.hostAndPort());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private DnsChangeService service(String updateServer) {
        return new DnsChangeService(
                properties(server.port(), Duration.ofSeconds(2), updateServer),
                TsigKeySource.NONE,
                new JdbcDnsChangeLog(new JdbcTemplate(TestDatabase.migrated())));
    }

    private java.util.List<String> txt() {
        return server.records("contoso.com", "TXT").stream()
                .map(Record::rdataToString)
                .sorted()
                .toList();
    }

    @Test
    void addsTheIncludeBeforeAllKeepsTheOtherTxtRecordsAndCanBeRolledBack() {
        long serial = server.soaSerial();

        DnsChange change = changes.addSpfInclude("contoso.com", MICROSOFT).orElseThrow();

        assertThat(txt()).containsExactly("\"MS=ms12345678\"", "\"v=spf1 mx include:spf.protection.outlook.com -all\"");
        assertThat(server.soaSerial()).as("one update, one serial").isEqualTo(serial + 1);
        assertThat(change.type()).isEqualTo("TXT");
        assertThat(change.previousRecords())
                .hasSize(2)
                .anySatisfy(r -> assertThat(r).endsWith("\"v=spf1 mx -all\""));
        assertThat(change.newRecords())
                .hasSize(2)
                .anySatisfy(r -> assertThat(r).endsWith("\"v=spf1 mx include:spf.protection.outlook.com -all\""));

        changes.rollback(change.id());

        assertThat(txt()).containsExactly("\"MS=ms12345678\"", "\"v=spf1 mx -all\"");
    }

    @Test
    void doesNothingWhenTheIncludeIsThereAlready() {
        changes.addSpfInclude("contoso.com", MICROSOFT);
        long serial = server.soaSerial();

        assertThat(changes.addSpfInclude("contoso.com", MICROSOFT)).isEmpty();
        assertThat(server.soaSerial()).isEqualTo(serial);
    }

    @Test
    void neverCreatesAnSpfRecordAndNeverASecondOne() {
        server.deleteRRset("contoso.com", "TXT");
        assertThatThrownBy(() -> changes.addSpfInclude("contoso.com", MICROSOFT))
                .isInstanceOf(DnsChangeException.class)
                .hasMessageStartingWith("contoso.com has no SPF record. Mailferry does not create one")
                .hasMessageEndingWith("Nothing was changed.");
        assertThat(txt()).isEmpty();

        server.add("@ 3600 IN TXT \"v=spf1 mx -all\"");
        server.add("@ 3600 IN TXT \"v=spf1 a -all\"");
        assertThatThrownBy(() -> changes.addSpfInclude("contoso.com", MICROSOFT))
                .hasMessageStartingWith("contoso.com has 2 SPF records");
        assertThat(txt()).containsExactly("\"v=spf1 a -all\"", "\"v=spf1 mx -all\"");
    }

    @Test
    void refusesWhenATxtRecordChangesBetweenReadAndUpdate() throws Exception {
        // The customer's admin adds a record just as Mailferry's update is on its way.
        try (GatedUdpProxy proxy =
                new GatedUdpProxy(new InetSocketAddress(server.address(), server.port()), message -> {
                    if (message.getHeader().getOpcode() == Opcode.UPDATE) {
                        server.add("@ 3600 IN TXT \"google-site-verification=abc\"");
                    }
                    return true;
                })) {
            assertThatThrownBy(() -> service(proxy.hostAndPort()).addSpfInclude("contoso.com", MICROSOFT))
                    .isInstanceOf(DnsChangeException.class)
                    .hasMessageContaining(": NXRRSET, the TXT records changed after Mailferry read them. Expected TXT "
                            + "\"MS=ms12345678\", \"v=spf1 mx -all\", the server now has TXT \"MS=ms12345678\", "
                            + "\"google-site-verification=abc\", \"v=spf1 mx -all\". Nothing was changed");
        }
        assertThat(txt())
                .containsExactly("\"MS=ms12345678\"", "\"google-site-verification=abc\"", "\"v=spf1 mx -all\"");
    }

    @Test
    void aLongSpfRecordIsSplitIntoStringsAndReadBackWhole() {
        server.deleteRRset("contoso.com", "TXT");
        String longSpf = "v=spf1 " + "ip4:192.0.2.1 ".repeat(18) + "-all";
        server.add("@ 3600 IN TXT \"" + longSpf.substring(0, 200) + "\" \"" + longSpf.substring(200) + "\"");

        changes.addSpfInclude("contoso.com", MICROSOFT);

        assertThat(new DnsLookupService(properties(server.port(), Duration.ofSeconds(2), null, server.hostAndPort()))
                        .txt("contoso.com"))
                .containsExactly(longSpf.replace(" -all", " include:" + MICROSOFT + " -all"));
    }
}
