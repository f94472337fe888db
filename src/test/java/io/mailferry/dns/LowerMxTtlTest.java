package io.mailferry.dns;

import static io.mailferry.dns.DnsTestSupport.properties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailferry.dns.server.InMemoryDnsServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seed "Reduce email delays": the MX records keep their hosts and get a TTL of at most an hour. */
class LowerMxTtlTest {
    private InMemoryDnsServer server;
    private DnsChangeService changes;

    @BeforeEach
    void startZone() {
        server = DnsTestSupport.contoso();
        server.deleteRRset("contoso.com.", "MX");
        server.add("@ 86400 IN MX 10 mail.contoso.com.");
        server.add("@ 86400 IN MX 20 backup.contoso.com.");
        changes = new DnsChangeService(
                properties(server.port(), Duration.ofSeconds(2), server.hostAndPort(), server.hostAndPort()),
                DnsTestSupport.secretStore());
    }

    @AfterEach
    void stopZone() {
        server.close();
    }

    @Test
    void lowersTheTtlOfEveryMxRecordAndReportsTheOldOne() {
        assertThat(changes.lowerMxTtl("contoso.com", 3600)).isEqualTo(86400);

        assertThat(changes.currentMx("contoso.com"))
                .containsExactly(
                        new MxRecord(10, "mail.contoso.com", 3600), new MxRecord(20, "backup.contoso.com", 3600));
    }

    @Test
    void sendsNothingWhenTheTtlIsShortEnoughAlready() {
        changes.lowerMxTtl("contoso.com", 3600);
        long serial = server.soaSerial();

        assertThat(changes.lowerMxTtl("contoso.com", 3600)).isZero();
        assertThat(server.soaSerial()).isEqualTo(serial);
    }

    @Test
    void refusesWhenTheMxChangesBetweenReadAndUpdate() {
        server.deleteRRset("contoso.com.", "MX");
        server.add("@ 86400 IN MX 10 mail.contoso.com.");
        // a foreign edit right after Mailferry's read is simulated by an expectation that no longer holds
        DnsChangeService stale =
                new DnsChangeService(
                        properties(server.port(), Duration.ofSeconds(2), server.hostAndPort(), server.hostAndPort()),
                        DnsTestSupport.secretStore()) {
                    @Override
                    public java.util.List<MxRecord> currentMx(String domain) {
                        return java.util.List.of(
                                new MxRecord(10, "mail.contoso.com", 86400),
                                new MxRecord(20, "backup.contoso.com", 86400));
                    }
                };
        assertThatThrownBy(() -> stale.lowerMxTtl("contoso.com", 3600))
                .isInstanceOf(DnsChangeException.class)
                .hasMessageContaining("changed after Mailferry read them");
        assertThat(changes.currentMx("contoso.com")).containsExactly(new MxRecord(10, "mail.contoso.com", 86400));
    }
}
