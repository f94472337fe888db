package io.mailferry.dns;

import static io.mailferry.dns.DnsTestSupport.MICROSOFT_MX;
import static io.mailferry.dns.DnsTestSupport.properties;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailferry.dns.DnsLookupService.Servers;
import io.mailferry.dns.ServerAnswer.Status;
import io.mailferry.dns.server.InMemoryDnsServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The checks after an operator changed records by hand: published means served by every authoritative server of the
 * zone, whatever a resolver still has cached, so resolvers are not asked.
 */
class AuthoritativeChecksTest {
    private InMemoryDnsServer server;
    private InMemoryDnsServer staleResolver;
    private DnsLookupService dns;

    @BeforeEach
    void start() {
        server = DnsTestSupport.contoso();
        staleResolver = DnsTestSupport.contoso(); // a cache that still has the zone as it was
        dns = new DnsLookupService(properties(
                server.port(), Duration.ofSeconds(2), null, server.hostAndPort(), staleResolver.hostAndPort()));
    }

    @AfterEach
    void stop() {
        server.close();
        staleResolver.close();
    }

    @Test
    void changedMxAndCnameAreVisibleAtTheAuthoritativeServersBeforeEveryResolverHasThem() {
        server.deleteRRset("contoso.com", "MX");
        server.add("@ 3600 IN MX 0 " + MICROSOFT_MX + ".");
        server.deleteRRset("autodiscover.contoso.com", "CNAME");
        server.add("autodiscover 3600 IN CNAME autodiscover.outlook.com.");

        PropagationReport mx = dns.checkMx("contoso.com", MICROSOFT_MX, Servers.AUTHORITATIVE);
        PropagationReport cname =
                dns.checkCname("autodiscover.contoso.com", "autodiscover.outlook.com", Servers.AUTHORITATIVE);

        assertThat(mx.allMatch()).as(mx.summary()).isTrue();
        assertThat(mx.answers())
                .extracting(ServerAnswer::detail)
                .containsExactly(
                        "ns1.contoso.com: MX 0 " + MICROSOFT_MX + " (TTL 3600)",
                        "ns2.contoso.com: MX 0 " + MICROSOFT_MX + " (TTL 3600)");
        assertThat(cname.allMatch()).as(cname.summary()).isTrue();
        assertThat(dns.checkMx("contoso.com", MICROSOFT_MX).allMatch())
                .as("the stale resolver counts for the world")
                .isFalse();
    }

    @Test
    void mxTtlIsLoweredOnlyWhenEveryAuthoritativeServerServesTheShorterTtl() {
        server.deleteRRset("contoso.com", "MX");
        server.add("@ 86400 IN MX 10 mail.contoso.com.");

        PropagationReport before = dns.checkMxTtl("contoso.com", 3600);
        assertThat(before.allMatch()).isFalse();
        assertThat(before.expectation()).isEqualTo("MX TTL at most 3600 s");
        assertThat(before.summary())
                .isEqualTo(server.hostAndPort() + " DIFFERS: ns1.contoso.com: MX 10 mail.contoso.com " + "(TTL 86400)\n"
                        + server.hostAndPort() + " DIFFERS: ns2.contoso.com: MX 10 mail.contoso.com (TTL 86400)");

        server.add("@ 3600 IN MX 10 mail.contoso.com."); // the operator lowers it at the DNS host
        assertThat(dns.checkMxTtl("contoso.com", 3600).allMatch()).isTrue();

        server.deleteRRset("contoso.com", "MX");
        assertThat(dns.checkMxTtl("contoso.com", 3600).answers())
                .extracting(ServerAnswer::status)
                .containsOnly(Status.DIFFERS);
    }

    @Test
    void spfIncludeIsCheckedOnTheOneSpfRecord() {
        PropagationReport missing =
                dns.checkSpfInclude("contoso.com", "spf.protection.outlook.com", Servers.AUTHORITATIVE);
        assertThat(missing.answers())
                .extracting(ServerAnswer::detail)
                .containsOnly("ns1.contoso.com: SPF \"v=spf1 mx -all\"", "ns2.contoso.com: SPF \"v=spf1 mx -all\"");
        assertThat(missing.allMatch()).isFalse();

        server.deleteRRset("contoso.com", "TXT");
        server.add("@ 3600 IN TXT \"v=spf1 mx include:spf.protection.outlook.com -all\"");
        assertThat(dns.checkSpfInclude("contoso.com", "spf.protection.outlook.com", Servers.AUTHORITATIVE)
                        .allMatch())
                .isTrue();

        server.add("@ 3600 IN TXT \"v=spf1 a -all\"");
        assertThat(dns.checkSpfInclude("contoso.com", "spf.protection.outlook.com", Servers.AUTHORITATIVE)
                        .answers())
                .extracting(ServerAnswer::detail)
                .containsOnly("ns1.contoso.com: several SPF records", "ns2.contoso.com: several SPF records");
    }
}
