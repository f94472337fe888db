package io.mailferry.dns;

import static io.mailferry.dns.DnsTestSupport.MICROSOFT_MX;
import static io.mailferry.dns.DnsTestSupport.properties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailferry.dns.ServerAnswer.Status;
import io.mailferry.dns.server.InMemoryDnsServer;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class DnsLookupServiceTest {
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    InMemoryDnsServer server;
    DnsLookupService dns;

    @BeforeEach
    void start() {
        server = DnsTestSupport.contoso();
        dns = new DnsLookupService(properties(server.port(), TIMEOUT, null, server.hostAndPort()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void readsMxWithTtlTxtAndCname() {
        assertThat(dns.mx("contoso.com")).containsExactly(new MxRecord(10, "mail.contoso.com", 3600));
        assertThat(dns.txt("contoso.com")).containsExactly("v=spf1 mx -all");
        assertThat(dns.cname("autodiscover.contoso.com")).contains("mail.contoso.com");
        assertThat(dns.cname("mail.contoso.com")).isEmpty();
        assertThat(dns.mx("nothing.contoso.com")).isEmpty();
    }

    @Test
    void authoritativeServersAreTheNsAddressesWithTheNameserverPort() {
        String expected = "127.0.0.1:" + server.port();
        assertThat(dns.authoritativeServers("contoso.com")).containsExactly(expected, expected);
    }

    @Test
    void checkTxtExplainsWhatItFound() {
        assertThat(dns.checkTxt("contoso.com", "v=spf1 mx -all").found()).isTrue();

        TxtCheck missing = dns.checkTxt("contoso.com", "MS=ms12345678");
        assertThat(missing.found()).isFalse();
        assertThat(missing.detail())
                .isEqualTo("contoso.com has 1 TXT record (\"v=spf1 mx -all\"), none is " + "MS=ms12345678 (asked "
                        + server.hostAndPort() + ")");

        TxtCheck nxdomain = dns.checkTxt("nothing.contoso.com", "MS=ms12345678");
        assertThat(nxdomain.detail()).isEqualTo("nothing.contoso.com: NXDOMAIN from " + server.hostAndPort());

        assertThat(dns.checkTxt("mail.contoso.com", "x").detail()).startsWith("mail.contoso.com has no TXT records");
    }

    @Test
    void checkMxAsksEveryAuthoritativeServerAndEveryResolver() {
        PropagationReport report = dns.checkMx("contoso.com", "mail.contoso.com.");
        assertThat(report.allMatch()).isTrue();
        assertThat(report.answers())
                .extracting(ServerAnswer::detail)
                .containsExactly(
                        "ns1.contoso.com: MX 10 mail.contoso.com (TTL 3600)",
                        "ns2.contoso.com: MX 10 mail.contoso.com (TTL 3600)",
                        "resolver: MX 10 mail.contoso.com (TTL 3600)");
        assertThat(report.expectation()).isEqualTo("MX mail.contoso.com most preferred");
    }

    @Test
    void checkMxShowsALaggingResolverWithWhatItSaw() {
        server.deleteRRset("contoso.com", "MX");
        server.add("@ 3600 IN MX 0 " + MICROSOFT_MX + ".");
        try (InMemoryDnsServer lagging = DnsTestSupport.contoso()) {
            DnsLookupService lookups = new DnsLookupService(
                    properties(server.port(), TIMEOUT, null, server.hostAndPort(), lagging.hostAndPort()));

            PropagationReport report = lookups.checkMx("contoso.com", MICROSOFT_MX);

            assertThat(report.allMatch()).isFalse();
            assertThat(report.answers())
                    .extracting(ServerAnswer::status)
                    .containsExactly(Status.MATCHES, Status.MATCHES, Status.MATCHES, Status.DIFFERS);
            assertThat(report.answers().get(3))
                    .isEqualTo(new ServerAnswer(
                            lagging.hostAndPort(), Status.DIFFERS, "resolver: MX 10 mail.contoso.com (TTL 3600)"));
            assertThat(report.summary().lines())
                    .hasSize(4)
                    .last()
                    .isEqualTo(lagging.hostAndPort() + " DIFFERS: resolver: MX 10 mail.contoso.com (TTL 3600)");
        }
    }

    @Test
    void checkMxTellsWhichAuthoritativeServerLags() {
        server.close();
        InMemoryDnsServer[] pair = DnsTestSupport.twoAuthoritative();
        server = pair[0];
        try (InMemoryDnsServer secondary = pair[1]) {
            server.deleteRRset("contoso.com", "MX");
            server.add("@ 3600 IN MX 0 " + MICROSOFT_MX + ".");
            DnsLookupService lookups =
                    new DnsLookupService(properties(server.port(), TIMEOUT, null, server.hostAndPort()));

            PropagationReport report = lookups.checkMx("contoso.com", MICROSOFT_MX);

            assertThat(report.answers())
                    .containsExactly(
                            new ServerAnswer(
                                    server.hostAndPort(),
                                    Status.MATCHES,
                                    "ns1.contoso.com: MX 0 " + MICROSOFT_MX + " (TTL 3600)"),
                            new ServerAnswer(
                                    secondary.hostAndPort(),
                                    Status.DIFFERS,
                                    "ns2.contoso.com: MX 10 mail.contoso.com (TTL 3600)"),
                            new ServerAnswer(
                                    server.hostAndPort(),
                                    Status.MATCHES,
                                    "resolver: MX 0 " + MICROSOFT_MX + " (TTL 3600)"));
        }
    }

    @Test
    void aServerThatDoesNotAnswerIsNoAnswerNamingTheServer() {
        try (DatagramSocket silent = DnsTestSupport.silentServer()) {
            String silentServer = DnsTestSupport.hostAndPort(silent);
            DnsLookupService lookups = new DnsLookupService(
                    properties(server.port(), Duration.ofMillis(700), null, server.hostAndPort(), silentServer));

            PropagationReport report = lookups.checkMx("contoso.com", "mail.contoso.com");

            assertThat(report.allMatch()).isFalse();
            assertThat(report.count(Status.MATCHES)).isEqualTo(3);
            assertThat(report.answers().get(3))
                    .isEqualTo(new ServerAnswer(silentServer, Status.NO_ANSWER, "resolver: timed out after 700ms"));
        }
    }

    @Test
    void checkMxFindsNoServerTowardsAClosedPort() {
        int closedPort;
        try (DatagramSocket probe = DnsTestSupport.silentServer()) {
            closedPort = probe.getLocalPort();
        }
        DnsLookupService lookups =
                new DnsLookupService(properties(closedPort, Duration.ofMillis(700), null, "127.0.0.1:" + closedPort));

        PropagationReport report = lookups.checkMx("contoso.com", "mail.contoso.com");

        assertThat(report.allMatch()).isFalse();
        assertThat(report.answers()).allSatisfy(a -> assertThat(a.status()).isEqualTo(Status.NO_ANSWER));
        assertThat(report.summary()).contains("127.0.0.1:" + closedPort);
        assertThatThrownBy(() -> lookups.mx("contoso.com"))
                .isInstanceOf(DnsLookupException.class)
                .hasMessageStartingWith("Cannot look up MX contoso.com: 127.0.0.1:" + closedPort + " ");
    }

    @Test
    void checkCnameComparesTheTarget() {
        assertThat(dns.checkCname("autodiscover.contoso.com", "mail.contoso.com")
                        .allMatch())
                .isTrue();

        PropagationReport report = dns.checkCname("autodiscover.contoso.com", "autodiscover.outlook.com");
        assertThat(report.answers()).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(Status.DIFFERS);
            assertThat(a.detail()).endsWith("CNAME mail.contoso.com (TTL 3600)");
        });
        assertThat(dns.checkCname("nothing.contoso.com", "autodiscover.outlook.com")
                        .answers())
                .allSatisfy(a -> assertThat(a.detail()).contains("NXDOMAIN"));
    }

    @Test
    void checkAsksAllServersAtOnce() throws Exception {
        // Both proxies hold their MX reply until both have been asked: asked one by one, the first times out.
        CountDownLatch bothAsked = new CountDownLatch(2);
        InetSocketAddress upstream = new InetSocketAddress(server.address(), server.port());
        try (GatedUdpProxy first = new GatedUdpProxy(upstream, Type.MX, bothAsked);
                GatedUdpProxy second = new GatedUdpProxy(upstream, Type.MX, bothAsked)) {
            DnsLookupService lookups = new DnsLookupService(
                    properties(server.port(), TIMEOUT, null, first.hostAndPort(), second.hostAndPort()));

            PropagationReport report = lookups.checkMx("contoso.com", "mail.contoso.com");

            assertThat(report.allMatch()).as(report.summary()).isTrue();
            assertThat(report.answers()).hasSize(4);
        }
    }

    @Test
    void configuredResolverThatCannotBeResolvedIsAClearConfigurationError() {
        assertThatThrownBy(() -> new DnsLookupService(properties(53, TIMEOUT, null, "127.0.0.1:fifty-three")))
                .hasMessage("mailferry.dns.resolvers: '127.0.0.1:fifty-three' is not host[:port]");
    }
}
