package io.mailferry.dns;

import java.net.InetSocketAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Update;

/**
 * The one server {@link DnsChangeService} talks to, {@code mailferry.dns.update.server}: updates go there, TSIG-signed
 * when a key is configured, and so do the reads a change depends on, never a resolver, whose cache may be older than
 * the zone. Every failure becomes a {@link DnsChangeException} an operator can act on.
 */
final class UpdateServer {
    // Under DnsChangeService's name: that is where operators look for the changes made to their zones.
    private static final Logger log = LoggerFactory.getLogger(DnsChangeService.class);

    private final DnsProperties.DynamicUpdate config;
    private final DnsClient client;
    private final TsigKeySource keys;

    UpdateServer(DnsProperties properties, TsigKeySource keys) {
        this.config = properties.update();
        this.client = new DnsClient(properties.timeout());
        this.keys = keys;
    }

    boolean configured() {
        return config.configured();
    }

    /** {@code host:port} as configured. */
    String configuredName() {
        return config.server();
    }

    InetSocketAddress address() {
        if (!config.configured()) {
            throw new DnsChangeException("No DNS update server is configured (mailferry.dns.update.server): "
                    + "the records have to be changed by hand.");
        }
        return ServerAddresses.parse(config.server(), DnsProperties.DNS_PORT, "mailferry.dns.update.server");
    }

    DnsClient.Answer send(Update update) {
        return client.send(address(), update, keys.key()).join();
    }

    /** What went wrong, or null when {@code answer} says the update was applied, which is logged then. */
    DnsChangeException failure(DnsClient.Answer answer, Name zone, String what) {
        DnsChangeException failure = UpdateFailures.explain(answer, ServerAddresses.bare(zone), what, keys);
        if (failure == null) {
            // The customer's DNS is theirs: every change Mailferry makes to it belongs in the log.
            log.info("DNS update applied on {} in zone {}: {}", answer.server(), ServerAddresses.bare(zone), what);
        }
        return failure;
    }

    /**
     * Whether {@code answer} leaves open if the update was applied: no reply (lost on the way there or back), or a
     * reply that claims success without the signature of the key the update was signed with.
     */
    boolean outcomeUnknown(DnsClient.Answer answer) {
        return !answer.replied()
                || (answer.rcode() == Rcode.NOERROR
                        && keys.keyName() != null
                        && !answer.response().isVerified());
    }

    DnsClient.Answer read(Name name, int type) {
        try {
            return client.askFirst(List.of(address()), name, type, false);
        } catch (DnsLookupException e) {
            throw new DnsChangeException("Cannot read the current records from the update server: " + e.getMessage());
        }
    }

    /** The records of {@code type} owned by {@code name} itself (not those a CNAME there leads to). */
    List<Record> rrset(Name name, int type) {
        return read(name, type).records(type).stream()
                .filter(r -> r.getName().equals(name))
                .toList();
    }

    Name zoneOf(Name name) {
        try {
            return client.zoneOf(name, List.of(address()), false);
        } catch (DnsLookupException e) {
            // An authoritative-only server refuses questions about zones it does not serve.
            throw new DnsChangeException("Cannot find the zone of " + ServerAddresses.bare(name) + " on the update "
                    + "server: " + e.getMessage() + ". The server does not seem to be authoritative for it: point "
                    + "mailferry.dns.update.server at the zone's primary server.");
        }
    }
}
