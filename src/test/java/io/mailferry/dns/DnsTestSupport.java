package io.mailferry.dns;

import io.mailferry.dns.server.InMemoryDnsServer;
import io.mailferry.mailbox.TestDatabase;
import io.mailferry.secrets.SecretStore;
import io.mailferry.secrets.SecretStoreProperties;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Real peers for the DNS tests: the in-JVM server with contoso.com, and a secret store on in-memory H2. */
final class DnsTestSupport {
    static final String ZONE = """
            $TTL 3600
            @             IN SOA   ns1.contoso.com. hostmaster.contoso.com. 1 3600 600 604800 300
            @             IN NS    ns1.contoso.com.
            @             IN NS    ns2.contoso.com.
            ns1           IN A     127.0.0.1
            ns2           IN A     %s
            @             IN MX    10 mail.contoso.com.
            mail          IN A     127.0.0.1
            autodiscover  IN CNAME mail.contoso.com.
            @             IN TXT   "v=spf1 mx -all"
            """;
    static final String MICROSOFT_MX = "contoso-com.mail.protection.outlook.com";

    private DnsTestSupport() {}

    static InetAddress loopback(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** contoso.com with both NS on 127.0.0.1, unsigned updates from loopback allowed. */
    /**
     * Two authoritative servers for contoso.com on one port: ns1 on 127.0.0.1 and ns2 on 127.0.0.2 (loopback on
     * Linux). Where 127.0.0.2 cannot be bound the calling test is reported as skipped, not passed.
     */
    static InMemoryDnsServer[] twoAuthoritative() {
        InMemoryDnsServer first = contoso(loopback(1), 0, "127.0.0.2");
        try {
            return new InMemoryDnsServer[] {first, contoso(loopback(2), first.port(), "127.0.0.2")};
        } catch (RuntimeException no127002) {
            first.close();
            org.assertj.core.api.Assumptions.assumeThat(no127002)
                    .as("127.0.0.2 usable as a loopback address")
                    .isNull();
            throw no127002;
        }
    }

    static InMemoryDnsServer contoso() {
        return contoso(loopback(1), 0, "127.0.0.1");
    }

    static InMemoryDnsServer contoso(InetAddress address, int port, String ns2Address) {
        return InMemoryDnsServer.builder("contoso.com")
                .bindAddress(address)
                .port(port)
                .zoneFile(ZONE.formatted(ns2Address))
                .allowUnsignedUpdatesFromLoopback(true)
                .build()
                .start();
    }

    static DnsProperties properties(int nameserverPort, Duration timeout, String updateServer, String... resolvers) {
        return new DnsProperties(
                List.of(resolvers),
                nameserverPort,
                timeout,
                new DnsProperties.DynamicUpdate(updateServer, null, null, null));
    }

    static SecretStore secretStore() {
        // the in-memory key is for in-memory H2 only
        return new SecretStore(new JdbcTemplate(TestDatabase.migratedH2()), new SecretStoreProperties(null));
    }

    /** A UDP socket that reads nothing and answers nothing: a server that is down in the way that costs a timeout. */
    static DatagramSocket silentServer() {
        try {
            return new DatagramSocket(new InetSocketAddress(loopback(1), 0));
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hostAndPort(DatagramSocket socket) {
        return "127.0.0.1:" + socket.getLocalPort();
    }
}
