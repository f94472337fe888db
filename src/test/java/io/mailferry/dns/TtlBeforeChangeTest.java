package io.mailferry.dns;

import static io.mailferry.dns.DnsTestSupport.properties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailferry.dns.server.InMemoryDnsServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What resolvers may have cached before a change, from the zone's own servers: the TTL of the records there were,
 * or for a name or type that did not exist the SOA negative-caching TTL, min(SOA TTL, SOA MINIMUM) (RFC 2308).
 */
class TtlBeforeChangeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private InMemoryDnsServer server;
    private DnsLookupService dns;

    @BeforeEach
    void start() {
        server = DnsTestSupport.contoso(); // SOA TTL 3600, MINIMUM 300
        dns = new DnsLookupService(properties(server.port(), TIMEOUT, null, server.hostAndPort()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void existingRecordsGiveTheirTtl() {
        server.deleteRRset("contoso.com", "MX");
        server.add("@ 86400 IN MX 10 mail.contoso.com.");

        assertThat(dns.ttlBeforeChange("contoso.com", "MX"))
                .isEqualTo(new CachedTtl("contoso.com", 86400, true, "contoso.com MX: TTL 86400 s"));
        assertThat(dns.ttlBeforeChange("autodiscover.contoso.com", "CNAME", "A"))
                .isEqualTo(new CachedTtl(
                        "autodiscover.contoso.com", 3600, true, "autodiscover.contoso.com CNAME: TTL 3600 s"));
    }

    @Test
    void aNameThatDidNotExistGivesTheNegativeCachingTtlOfTheSoa() {
        server.deleteRRset("autodiscover.contoso.com", "CNAME");

        CachedTtl ttl = dns.ttlBeforeChange("autodiscover.contoso.com", "CNAME", "A");

        assertThat(ttl)
                .isEqualTo(new CachedTtl(
                        "autodiscover.contoso.com",
                        300,
                        false,
                        "autodiscover.contoso.com did "
                                + "not exist (NXDOMAIN); negative answers are cached for 300 s (SOA of contoso.com)"));
    }

    @Test
    void aMissingTypeAtAnExistingNameIsCachedNegativelyTooButAnAddressThereCounts() {
        server.deleteRRset("autodiscover.contoso.com", "CNAME");
        assertThat(dns.ttlBeforeChange("mail.contoso.com", "CNAME"))
                .isEqualTo(new CachedTtl(
                        "mail.contoso.com",
                        300,
                        false,
                        "mail.contoso.com had no CNAME record; "
                                + "negative answers are cached for 300 s (SOA of contoso.com)"));

        server.add("autodiscover 7200 IN A 192.0.2.10"); // an on-premises autodiscover host, not a CNAME
        assertThat(dns.ttlBeforeChange("autodiscover.contoso.com", "CNAME", "A"))
                .isEqualTo(new CachedTtl(
                        "autodiscover.contoso.com", 7200, true, "autodiscover.contoso.com A: TTL 7200 s"));
    }

    @Test
    void theNegativeTtlIsTheSmallerOfSoaTtlAndMinimum() {
        try (InMemoryDnsServer shortSoa = InMemoryDnsServer.builder("contoso.com")
                .bindAddress(DnsTestSupport.loopback(1))
                .zoneFile("""
                        @     120 IN SOA ns1.contoso.com. hostmaster.contoso.com. 1 3600 600 604800 86400
                        @         IN NS  ns1.contoso.com.
                        ns1       IN A   127.0.0.1
                        """)
                .build()
                .start()) {
            DnsLookupService lookups =
                    new DnsLookupService(properties(shortSoa.port(), TIMEOUT, null, shortSoa.hostAndPort()));

            assertThat(lookups.ttlBeforeChange("autodiscover.contoso.com", "CNAME")
                            .seconds())
                    .isEqualTo(120);
        }
    }

    @Test
    void theLongestTtlOfAllAuthoritativeServersCounts() {
        // ns2 (127.0.0.2) still serves a day-long MX TTL the resolver (ns1) no longer shows.
        server.close();
        InMemoryDnsServer[] pair = DnsTestSupport.twoAuthoritative();
        server = pair[0];
        try (InMemoryDnsServer secondary = pair[1]) {
            secondary.deleteRRset("contoso.com", "MX");
            secondary.add("@ 86400 IN MX 10 mail.contoso.com.");
            DnsLookupService lookups =
                    new DnsLookupService(properties(server.port(), TIMEOUT, null, server.hostAndPort()));

            assertThat(lookups.mx("contoso.com"))
                    .singleElement()
                    .extracting(MxRecord::ttl)
                    .isEqualTo(3600L);
            assertThat(lookups.ttlBeforeChange("contoso.com", "MX").seconds()).isEqualTo(86400);
        }
    }

    @Test
    void noAuthoritativeAnswerIsALookupErrorNamingTheServers() {
        DnsLookupService unreachable =
                new DnsLookupService(properties(1, Duration.ofMillis(500), null, server.hostAndPort()));

        assertThatThrownBy(() -> unreachable.ttlBeforeChange("contoso.com", "MX"))
                .isInstanceOf(DnsLookupException.class)
                .hasMessageStartingWith("No authoritative server answered for contoso.com: 127.0.0.1:1 ");
    }
}
