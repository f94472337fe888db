package io.mailferry.demo;

import io.mailferry.dns.server.InMemoryDnsServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The demo's stand-in for the customer's DNS: zone contoso.com as it is before the cutover (MX and autodiscover
 * still on-premises, no Microsoft verification TXT yet). Point {@code mailferry.dns.resolvers},
 * {@code mailferry.dns.nameserver-port} and {@code mailferry.dns.update.server} at it; it accepts unsigned
 * updates from loopback so Mailferry can publish records itself.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
@ConditionalOnProperty(name = "mailferry.demo.join", havingValue = "false", matchIfMissing = true)
public class DemoDnsConfiguration {
    public static final String ZONE_NAME = "contoso.com";

    // Both nameservers point at the one demo server, so a propagation check lists it twice: that is expected.
    public static final String ZONE = """
            $TTL 3600
            @             IN SOA   ns1.contoso.com. hostmaster.contoso.com. 1 3600 600 604800 300
            @             IN NS    ns1.contoso.com.
            @             IN NS    ns2.contoso.com.
            ns1           IN A     127.0.0.1
            ns2           IN A     127.0.0.1
            @     %1$d      IN MX    10 mail.contoso.com.
            mail          IN A     127.0.0.1
            autodiscover %1$d IN CNAME mail.contoso.com.
            @     %1$d      IN TXT   "v=spf1 mx -all"
            """;

    /**
     * The TTL of the records the MX step changes (MX, Autodiscover CNAME, SPF TXT; property {@code mx-ttl}) is short,
     * a minute by default, because the MX propagation wait lasts at least as long as the largest TTL they had before
     * the change; with a realistic hour the demo's one-minute wait would take an hour.
     */
    @Bean
    public InMemoryDnsServer demoDnsServer(
            @Value("${mailferry.demo.dns.port:10053}") int port, @Value("${mailferry.demo.dns.mx-ttl:60}") long mxTtl) {
        return server(port, mxTtl).start();
    }

    /** The demo server, not yet started; {@code port} 0 picks a free one. */
    public static InMemoryDnsServer server(int port) {
        return server(port, 60);
    }

    public static InMemoryDnsServer server(int port, long mxTtl) {
        return InMemoryDnsServer.builder(ZONE_NAME)
                .bindAddress(ipv4Loopback()) // the NS records say 127.0.0.1, whatever the JVM prefers
                .port(port)
                .zoneFile(ZONE.formatted(mxTtl))
                .allowUnsignedUpdatesFromLoopback(true)
                .build();
    }

    private static InetAddress ipv4Loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
