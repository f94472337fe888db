package io.mailferry.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Reads the records the cutover depends on. Ordinary look-ups go to the configured resolvers (the first that
 * answers wins); propagation checks ask every authoritative server of the zone and every resolver at once,
 * because "published" means something different on each of them until caches expire. Look-ups throw
 * {@link DnsLookupException} when no resolver answers; checks never throw for DNS trouble, they report it.
 */
@Service
public class DnsLookupService {
    private final DnsClient client;
    private final List<InetSocketAddress> resolvers;
    private final int nameserverPort;

    public DnsLookupService(DnsProperties properties) {
        this.client = new DnsClient(properties.timeout());
        this.resolvers = properties.resolvers().isEmpty()
                ? List.copyOf(ResolverConfig.getCurrentConfig().servers())
                : properties.resolvers().stream()
                        .map(r -> ServerAddresses.parse(r, DnsProperties.DNS_PORT, "mailferry.dns.resolvers"))
                        .toList();
        this.nameserverPort = properties.nameserverPort();
    }

    /** The TXT values at {@code name}, each record's strings joined; empty when there are none or no such name. */
    public List<String> txt(String name) {
        return texts(lookup(name, Type.TXT));
    }

    /** Most preferred first. Empty when the domain has no MX or does not exist. */
    public List<MxRecord> mx(String domain) {
        return mxRecords(lookup(domain, Type.MX));
    }

    /** The target of the CNAME at {@code name}, without trailing dot. */
    public Optional<String> cname(String name) {
        return cnameRecord(lookup(name, Type.CNAME), ServerAddresses.absolute(name))
                .map(r -> ServerAddresses.bare(r.getTarget()));
    }

    /**
     * {@code address:port} of each of the zone's NS hosts (their A records, port {@code mailferry.dns.nameserver-port}).
     * A host with two addresses gives two entries; two hosts on one address give two entries too.
     */
    public List<String> authoritativeServers(String zone) {
        return nameservers(ServerAddresses.absolute(zone)).stream()
                .filter(ns -> ns.address() != null)
                .map(ns -> ServerAddresses.print(ns.address()))
                .toList();
    }

    /**
     * The MX records of {@code domain} on exactly {@code servers} ({@code host[:port]}, port defaulting to
     * {@code mailferry.dns.nameserver-port}), asked at once and without recursion, as authoritative servers.
     * A server that answers without authority is reported as giving no answer: it cannot speak for the zone.
     */
    public List<MxAnswer> mxAt(String domain, List<String> servers) {
        Name name = ServerAddresses.absolute(domain);
        List<CompletableFuture<MxAnswer>> pending = new ArrayList<>();
        for (String server : servers) {
            InetSocketAddress address = ServerAddresses.parse(server, nameserverPort, "name server");
            pending.add(client.ask(address, name, Type.MX, false).thenApply(answer -> {
                if (!answer.definitive()) {
                    return new MxAnswer(answer.server(), List.of(), answer.problem());
                }
                if (!answer.response().getHeader().getFlag(Flags.AA)) {
                    return new MxAnswer(
                            answer.server(), List.of(), "answered without authority for the zone (lame delegation?)");
                }
                return new MxAnswer(answer.server(), mxRecords(answer), null);
            }));
        }
        return pending.stream().map(CompletableFuture::join).toList();
    }

    /** Whether a resolver sees {@code expectedValue} among the TXT records of {@code domain}. */
    public TxtCheck checkTxt(String domain, String expectedValue) {
        String name = ServerAddresses.bare(domain);
        DnsClient.Answer answer;
        try {
            answer = client.askFirst(resolvers, ServerAddresses.absolute(domain), Type.TXT, true);
        } catch (DnsLookupException e) {
            return new TxtCheck(false, e.getMessage());
        }
        if (answer.rcode() == Rcode.NXDOMAIN) {
            return new TxtCheck(false, name + ": NXDOMAIN from " + answer.server());
        }
        List<String> values = texts(answer);
        if (values.contains(expectedValue)) {
            return new TxtCheck(true, name + " has TXT \"" + expectedValue + "\" (seen by " + answer.server() + ")");
        }
        if (values.isEmpty()) {
            return new TxtCheck(false, name + " has no TXT records (asked " + answer.server() + ")");
        }
        return new TxtCheck(
                false,
                name + " has " + values.size() + " TXT record" + (values.size() == 1 ? "" : "s")
                        + " (" + values.stream().map(v -> '"' + v + '"').collect(Collectors.joining(", "))
                        + "), none is "
                        + expectedValue + " (asked " + answer.server() + ")");
    }

    /** Which servers a check asks. */
    public enum Servers {
        /** The zone's own servers: whether a record is published, whatever caches still hold. */
        AUTHORITATIVE,
        /** The zone's servers and the configured resolvers: whether the world sees it. */
        AUTHORITATIVE_AND_RESOLVERS
    }

    /** Whether {@code expectedHost} is the most preferred MX of {@code domain} on every server and resolver. */
    public PropagationReport checkMx(String domain, String expectedHost) {
        return checkMx(domain, expectedHost, Servers.AUTHORITATIVE_AND_RESOLVERS);
    }

    /** Whether {@code expectedHost} is the most preferred MX of {@code domain} on every one of {@code servers}. */
    public PropagationReport checkMx(String domain, String expectedHost, Servers servers) {
        String expected = ServerAddresses.bare(expectedHost);
        return check(domain, Type.MX, "MX " + expected + " most preferred", servers, (answer, who) -> {
            List<MxRecord> mx = mxRecords(answer);
            if (mx.isEmpty()) {
                return new ServerAnswer(answer.server(), ServerAnswer.Status.DIFFERS, who + ": no MX records");
            }
            int best = mx.get(0).priority();
            boolean matches = mx.stream()
                    .filter(m -> m.priority() == best)
                    .allMatch(m -> m.host().equals(expected));
            String seen = mx.stream().map(MxRecord::toString).collect(Collectors.joining(", "));
            return new ServerAnswer(
                    answer.server(),
                    matches ? ServerAnswer.Status.MATCHES : ServerAnswer.Status.DIFFERS,
                    who + ": MX " + seen + " (TTL " + mx.get(0).ttl() + ")");
        });
    }

    /** Whether {@code name} is a CNAME to {@code expectedTarget} on every server and resolver. */
    public PropagationReport checkCname(String name, String expectedTarget) {
        return checkCname(name, expectedTarget, Servers.AUTHORITATIVE_AND_RESOLVERS);
    }

    /** Whether {@code name} is a CNAME to {@code expectedTarget} on every one of {@code servers}. */
    public PropagationReport checkCname(String name, String expectedTarget, Servers servers) {
        String expected = ServerAddresses.bare(expectedTarget);
        Name owner = ServerAddresses.absolute(name);
        return check(name, Type.CNAME, "CNAME " + expected, servers, (answer, who) -> {
            Optional<CNAMERecord> cname = cnameRecord(answer, owner);
            if (cname.isEmpty()) {
                return new ServerAnswer(answer.server(), ServerAnswer.Status.DIFFERS, who + ": no CNAME record");
            }
            String target = ServerAddresses.bare(cname.get().getTarget());
            return new ServerAnswer(
                    answer.server(),
                    target.equals(expected) ? ServerAnswer.Status.MATCHES : ServerAnswer.Status.DIFFERS,
                    who + ": CNAME " + target + " (TTL " + cname.get().getTTL() + ")");
        });
    }

    /**
     * Whether every authoritative server gives the MX records of {@code domain} a TTL of at most {@code maxTtl}: a
     * TTL lowered at the DNS host counts once the zone's servers serve it. Resolvers are not asked; they count the
     * cached TTL down, which says nothing about the zone.
     */
    public PropagationReport checkMxTtl(String domain, long maxTtl) {
        return check(domain, Type.MX, "MX TTL at most " + maxTtl + " s", Servers.AUTHORITATIVE, (answer, who) -> {
            List<MxRecord> mx = mxRecords(answer);
            if (mx.isEmpty()) {
                return new ServerAnswer(answer.server(), ServerAnswer.Status.DIFFERS, who + ": no MX records");
            }
            long ttl = mx.stream().mapToLong(MxRecord::ttl).max().orElseThrow();
            String seen = mx.stream().map(MxRecord::toString).collect(Collectors.joining(", "));
            return new ServerAnswer(
                    answer.server(),
                    ttl <= maxTtl ? ServerAnswer.Status.MATCHES : ServerAnswer.Status.DIFFERS,
                    who + ": MX " + seen + " (TTL " + ttl + ")");
        });
    }

    /** Whether the one SPF record of {@code domain} includes {@code includeDomain} on every one of {@code servers}. */
    public PropagationReport checkSpfInclude(String domain, String includeDomain, Servers servers) {
        String bare = ServerAddresses.bare(domain);
        return check(domain, Type.TXT, "SPF with include:" + includeDomain, servers, (answer, who) -> {
            SpfRecord spf = SpfRecord.plan(bare, texts(answer), includeDomain);
            String seen = switch (spf.state()) {
                case ALREADY_INCLUDED, ADD_INCLUDE -> "SPF \"" + spf.current() + "\"";
                case NO_SPF -> "no SPF record";
                case SEVERAL_SPF -> "several SPF records";
            };
            return new ServerAnswer(
                    answer.server(),
                    spf.state() == SpfRecord.State.ALREADY_INCLUDED
                            ? ServerAnswer.Status.MATCHES
                            : ServerAnswer.Status.DIFFERS,
                    who + ": " + seen);
        });
    }

    /** The SPF record of {@code domain} as a resolver sees it, and what adding {@code includeDomain} to it means. */
    public SpfRecord spf(String domain, String includeDomain) {
        return SpfRecord.plan(ServerAddresses.bare(domain), txt(domain), includeDomain);
    }

    /**
     * How long resolvers may still hold what {@code name} was before a change: asks every authoritative server for
     * each of {@code types} and takes the longest TTL given, or the negative-caching TTL where the answer was
     * NXDOMAIN or NODATA ({@link CachedTtl}). The zone's servers, because a resolver's TTL is already counting down.
     *
     * @param types e.g. {@code "CNAME", "A"} for a name that is to become a CNAME and may have had an address
     * @throws DnsLookupException when no authoritative server answers
     */
    public CachedTtl ttlBeforeChange(String name, String... types) {
        Name owner = ServerAddresses.absolute(name);
        List<String> problems = new ArrayList<>();
        List<CompletableFuture<DnsClient.Answer>> pending = new ArrayList<>();
        List<String> askedTypes = new ArrayList<>();
        for (Nameserver ns : nameservers(client.zoneOf(owner, resolvers, true))) {
            if (ns.address() == null) {
                problems.add(ns.host() + ": " + ns.problem());
                continue;
            }
            for (String type : types) {
                pending.add(client.ask(ns.address(), owner, Type.value(type), false));
                askedTypes.add(type);
            }
        }
        CachedTtl longest = null;
        for (int i = 0; i < pending.size(); i++) {
            DnsClient.Answer answer = pending.get(i).join();
            if (!answer.definitive() || !answer.response().getHeader().getFlag(Flags.AA)) {
                problems.add(answer.server() + " "
                        + (answer.definitive() ? "answered without authority" : answer.problem()));
                continue;
            }
            CachedTtl ttl = CachedTtl.of(answer, owner, askedTypes.get(i));
            if (longest == null || ttl.seconds() > longest.seconds()) {
                longest = ttl;
            }
        }
        if (longest == null) {
            throw new DnsLookupException("No authoritative server answered for " + ServerAddresses.bare(owner) + ": "
                    + (problems.isEmpty() ? "the zone has no name servers" : String.join("; ", problems)));
        }
        return longest;
    }

    /**
     * Asks the authoritative servers of the zone, and the resolvers if {@code servers} says so, in parallel; the
     * report takes about as long as the slowest server, not the sum. {@code judge} only sees definitive answers
     * (NOERROR with or without data).
     */
    private PropagationReport check(
            String nameText,
            int type,
            String expectation,
            Servers servers,
            BiFunction<DnsClient.Answer, String, ServerAnswer> judge) {
        Name name = ServerAddresses.absolute(nameText);
        List<CompletableFuture<ServerAnswer>> pending = new ArrayList<>();
        for (Nameserver ns : authoritativeFor(name, pending)) {
            if (ns.address() == null) {
                pending.add(CompletableFuture.completedFuture(new ServerAnswer(
                        ns.host() + ":" + nameserverPort,
                        ServerAnswer.Status.NO_ANSWER,
                        ns.host() + ": " + ns.problem())));
            } else {
                pending.add(client.ask(ns.address(), name, type, false)
                        .thenApply(answer -> judge(answer, ns.host(), true, judge)));
            }
        }
        for (InetSocketAddress resolver : servers == Servers.AUTHORITATIVE ? List.<InetSocketAddress>of() : resolvers) {
            pending.add(client.ask(resolver, name, type, true)
                    .thenApply(answer -> judge(answer, "resolver", false, judge)));
        }
        List<ServerAnswer> answers =
                pending.stream().map(CompletableFuture::join).toList();
        return new PropagationReport(ServerAddresses.bare(name), expectation, answers);
    }

    private static ServerAnswer judge(
            DnsClient.Answer answer,
            String who,
            boolean authoritative,
            BiFunction<DnsClient.Answer, String, ServerAnswer> judge) {
        if (!answer.definitive()) {
            return new ServerAnswer(answer.server(), ServerAnswer.Status.NO_ANSWER, who + ": " + answer.problem());
        }
        if (authoritative && !answer.response().getHeader().getFlag(Flags.AA)) {
            // A listed nameserver that does not serve the zone (lame delegation) cannot confirm anything.
            return new ServerAnswer(
                    answer.server(),
                    ServerAnswer.Status.NO_ANSWER,
                    who + ": answered without authority for the zone (lame delegation?)");
        }
        if (answer.rcode() == Rcode.NXDOMAIN) {
            return new ServerAnswer(
                    answer.server(), ServerAnswer.Status.DIFFERS, who + ": NXDOMAIN (the name does not exist there)");
        }
        return judge.apply(answer, who);
    }

    /** The zone's nameservers; a failure to find them becomes one NO_ANSWER entry instead of aborting the check. */
    private List<Nameserver> authoritativeFor(Name name, List<CompletableFuture<ServerAnswer>> pending) {
        try {
            return nameservers(client.zoneOf(name, resolvers, true));
        } catch (DnsLookupException e) {
            pending.add(CompletableFuture.completedFuture(
                    new ServerAnswer("authoritative servers", ServerAnswer.Status.NO_ANSWER, e.getMessage())));
            return List.of();
        }
    }

    private List<Nameserver> nameservers(Name zone) {
        List<Name> hosts = lookup(zone, Type.NS).records(Type.NS).stream()
                .map(r -> ((NSRecord) r).getTarget())
                .sorted()
                .toList();
        List<Nameserver> result = new ArrayList<>();
        for (Name host : hosts) {
            String hostName = ServerAddresses.bare(host);
            try {
                List<Record> addresses = lookup(host, Type.A).records(Type.A);
                if (addresses.isEmpty()) {
                    result.add(new Nameserver(hostName, null, "has no A record"));
                }
                for (Record a : addresses) {
                    InetAddress address = ((ARecord) a).getAddress();
                    result.add(new Nameserver(hostName, new InetSocketAddress(address, nameserverPort), null));
                }
            } catch (DnsLookupException e) {
                result.add(new Nameserver(hostName, null, e.getMessage()));
            }
        }
        return result;
    }

    private DnsClient.Answer lookup(String name, int type) {
        return lookup(ServerAddresses.absolute(name), type);
    }

    private DnsClient.Answer lookup(Name name, int type) {
        return client.askFirst(resolvers, name, type, true);
    }

    private static List<String> texts(DnsClient.Answer answer) {
        // A long TXT value is split into 255-byte strings; the value is their concatenation (RFC 7208 §3.3).
        return answer.records(Type.TXT).stream()
                .map(r -> String.join("", ((TXTRecord) r).getStrings()))
                .toList();
    }

    private static List<MxRecord> mxRecords(DnsClient.Answer answer) {
        return answer.records(Type.MX).stream()
                .map(r -> (MXRecord) r)
                .map(r -> new MxRecord(r.getPriority(), ServerAddresses.bare(r.getTarget()), r.getTTL()))
                .sorted(Comparator.comparingInt(MxRecord::priority).thenComparing(MxRecord::host))
                .toList();
    }

    /** The CNAME owned by {@code owner} itself, not a later link of a chain the resolver followed. */
    private static Optional<CNAMERecord> cnameRecord(DnsClient.Answer answer, Name owner) {
        return answer.records(Type.CNAME).stream()
                .filter(r -> r.getName().equals(owner))
                .map(r -> (CNAMERecord) r)
                .findFirst();
    }

    /** One NS host and one of its addresses, or why it has none. */
    private record Nameserver(String host, InetSocketAddress address, String problem) {}
}
