package io.mailferry.dns;

import io.mailferry.secrets.SecretStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * Changes the customer's zone by RFC 2136 dynamic update on {@code mailferry.dns.update.server}, signed with
 * TSIG when a key is configured. Reads needed for a change go to that same server, never to a resolver, whose
 * cache may be older than the zone. Every applied change is kept in a {@link DnsChangeLog} with the records
 * before and after, so it can be {@linkplain #rollback(long) rolled back}.
 */
@Service
public class DnsChangeService {
    private static final Logger log = LoggerFactory.getLogger(DnsChangeService.class);
    // A TXT character-string holds at most 255 bytes; longer values are split and read back joined. Counted in
    // characters, which is the same for the ASCII values Microsoft and SPF use.
    private static final int TXT_STRING_MAX = 255;

    private final DnsProperties.DynamicUpdate config;
    private final DnsClient client;
    private final TsigKeySource keys;
    private final DnsChangeLog changeLog;

    /** The application's: key from the secret store, changes kept in the database. */
    @Autowired
    public DnsChangeService(DnsProperties properties, SecretStore secrets, JdbcTemplate jdbc) {
        this(properties, TsigKeySource.fromSecretStore(properties.update(), secrets), new JdbcDnsChangeLog(jdbc));
    }

    /** Key from the secret store, changes not kept. */
    public DnsChangeService(DnsProperties properties, SecretStore secrets) {
        this(properties, TsigKeySource.fromSecretStore(properties.update(), secrets), DnsChangeLog.NONE);
    }

    /** Any key source and log; the command line tool passes a key file and {@link DnsChangeLog#NONE}. */
    public DnsChangeService(DnsProperties properties, TsigKeySource keys, DnsChangeLog changeLog) {
        this.config = properties.update();
        this.client = new DnsClient(properties.timeout());
        this.keys = keys;
        this.changeLog = changeLog;
    }

    /** Whether Mailferry may change DNS itself; otherwise the operator publishes the records by hand. */
    public boolean automaticChangesAvailable() {
        return config.configured();
    }

    /** The server changes go to, as the operator's forms name it ({@code host:port}), or null when none is configured. */
    public String updateServer() {
        return config.configured() ? config.server() : null;
    }

    /**
     * Adds a TXT record at {@code domain}; other TXT records there (SPF, other verifications) stay as they are, TTL
     * included: an RRset has one TTL (RFC 2181 §5.2), so the new record takes theirs, and {@code ttl} only applies
     * when it is the first.
     */
    public DnsChange publishTxt(String domain, String value, long ttl) {
        Name name = ServerAddresses.absolute(domain);
        Name zone = zoneOf(name);
        List<Record> previous = rrset(name, Type.TXT);
        Update update = new Update(zone);
        update.add(new TXTRecord(name, DClass.IN, previous.isEmpty() ? ttl : previous.get(0).getTTL(), split(value)));
        String what = "add TXT \"" + value + "\" at " + ServerAddresses.bare(name);
        apply(update, zone, what);
        boolean present = read(name, Type.TXT).records(Type.TXT).stream().anyMatch(r -> text(r).equals(value));
        if (!present) {
            throw new DnsChangeException(server() + " accepted the update (" + what + ") but does not serve the "
                    + "record; a CNAME at that name makes servers ignore other records. Publish it by hand.");
        }
        return remember(zone, name, Type.TXT, previous);
    }

    /**
     * Seed "Reduce email delays": the same MX records with a TTL of at most {@code ttl}, by compare-and-set on the
     * records read just before. Returns the largest TTL the records had, for the wait that follows (0 when none
     * was longer, and nothing is sent then).
     */
    public long lowerMxTtl(String domain, long ttl) {
        List<MxRecord> expected = currentMx(domain);
        long longest = expected.stream().mapToLong(MxRecord::ttl).max().orElse(0);
        if (longest <= ttl) {
            return 0;
        }
        Name name = ServerAddresses.absolute(domain);
        Name zone = zoneOf(name);
        Update update = new Update(zone);
        List<Record> previous = new ArrayList<>();
        for (MxRecord mx : expected) {
            update.present(new MXRecord(name, DClass.IN, 0, mx.priority(), ServerAddresses.absolute(mx.host())));
            previous.add(new MXRecord(name, DClass.IN, mx.ttl(), mx.priority(), ServerAddresses.absolute(mx.host())));
        }
        update.delete(name, Type.MX);
        for (MxRecord mx : expected) {
            update.add(new MXRecord(name, DClass.IN, ttl, mx.priority(), ServerAddresses.absolute(mx.host())));
        }
        String what = "lower the TTL of the MX records of " + ServerAddresses.bare(name) + " to " + ttl + " s";
        DnsClient.Answer answer = send(update);
        if (answer.rcode() == Rcode.NXRRSET || answer.rcode() == Rcode.YXRRSET) {
            throw new DnsChangeException(answer.server() + " did not apply the update of zone "
                    + ServerAddresses.bare(zone) + " (" + what + "): " + answer.rcodeName()
                    + ", the MX records changed after Mailferry read them. Expected " + describe(expected)
                    + ", the server now has " + describeCurrent(domain) + ". Nothing was changed.");
        }
        check(answer, zone, what);
        remember(zone, name, Type.MX, previous); // so that it can be rolled back like any other change
        return longest;
    }

    /** The MX records of {@code domain} as the update server has them now, most preferred first. */
    public List<MxRecord> currentMx(String domain) {
        Name name = ServerAddresses.absolute(domain);
        DnsClient.Answer answer = read(name, Type.MX);
        return answer.records(Type.MX).stream()
                .map(r -> (MXRecord) r)
                .map(r -> new MxRecord(r.getPriority(), ServerAddresses.bare(r.getTarget()), r.getTTL()))
                .sorted(Comparator.comparingInt(MxRecord::priority).thenComparing(MxRecord::host))
                .toList();
    }

    /** Replaces all MX records of {@code domain} by one, unless someone changes them while this runs. */
    public DnsChange replaceMx(String domain, String host, int priority, long ttl) {
        return replaceMx(domain, currentMx(domain), host, priority, ttl);
    }

    /**
     * Compare-and-set: in one UPDATE, a prerequisite that the MX RRset is exactly {@code expected} (or absent
     * when it is empty), the deletion of that RRset and the new record. If the zone changed since
     * {@code expected} was read, nothing changes and the exception says what the server has now.
     */
    public DnsChange replaceMx(String domain, List<MxRecord> expected, String host, int priority, long ttl) {
        Name name = ServerAddresses.absolute(domain);
        Name zone = zoneOf(name);
        List<Record> previous = new ArrayList<>();
        Update update = new Update(zone);
        if (expected.isEmpty()) {
            update.absent(name, Type.MX);
        }
        for (MxRecord mx : expected) {
            update.present(new MXRecord(name, DClass.IN, 0, mx.priority(), ServerAddresses.absolute(mx.host())));
            previous.add(new MXRecord(name, DClass.IN, mx.ttl(), mx.priority(), ServerAddresses.absolute(mx.host())));
        }
        update.delete(name, Type.MX);
        update.add(new MXRecord(name, DClass.IN, ttl, priority, ServerAddresses.absolute(host)));
        String what = "replace MX of " + ServerAddresses.bare(name) + " by " + priority + " "
                + ServerAddresses.bare(host);
        DnsClient.Answer answer = send(update);
        if (answer.rcode() == Rcode.NXRRSET || answer.rcode() == Rcode.YXRRSET) {
            throw new DnsChangeException(answer.server() + " did not apply the update of zone "
                    + ServerAddresses.bare(zone) + " (" + what + "): " + answer.rcodeName()
                    + ", the MX records changed after Mailferry read them. Expected " + describe(expected)
                    + ", the server now has " + describeCurrent(domain)
                    + ". Nothing was changed; find out who else edits the zone, then retry.");
        }
        check(answer, zone, what);
        // The prerequisite held, so the records before were exactly the expected ones.
        return remember(zone, name, Type.MX, previous);
    }

    /** Makes {@code name} a CNAME to {@code target}, replacing an existing CNAME there. */
    public DnsChange setCname(String name, String target, long ttl) {
        Name owner = ServerAddresses.absolute(name);
        Name zone = zoneOf(owner);
        Name targetName = ServerAddresses.absolute(target);
        List<Record> previous = rrset(owner, Type.CNAME);
        Update update = new Update(zone);
        update.delete(owner, Type.CNAME);
        update.add(new CNAMERecord(owner, DClass.IN, ttl, targetName));
        String what = "CNAME " + ServerAddresses.bare(owner) + " -> " + ServerAddresses.bare(targetName);
        apply(update, zone, what);
        boolean present = read(owner, Type.CNAME).records(Type.CNAME).stream()
                .anyMatch(r -> r.getName().equals(owner) && ((CNAMERecord) r).getTarget().equals(targetName));
        if (!present) {
            throw new DnsChangeException(server() + " accepted the update (" + what + ") but does not serve the "
                    + "CNAME: " + ServerAddresses.bare(owner) + " has other records, and a CNAME cannot coexist "
                    + "with them. Remove them first (by hand, they may matter), then retry.");
        }
        return remember(zone, owner, Type.CNAME, previous);
    }

    /**
     * Adds {@code include:<includeDomain>} to the one SPF record of {@code domain} ({@link SpfRecord#plan}), by
     * compare-and-set: the update's prerequisite is the whole TXT RRset as read just before, so an edit in between
     * (to the SPF record or any other TXT record) makes the server refuse it. Other TXT records stay. Empty when the
     * record already has the include, e.g. when the step runs again after a later failure.
     *
     * @throws DnsChangeException when there is no SPF record or several: that is the operator's to decide
     */
    public Optional<DnsChange> addSpfInclude(String domain, String includeDomain) {
        Name name = ServerAddresses.absolute(domain);
        Name zone = zoneOf(name);
        List<Record> previous = rrset(name, Type.TXT);
        SpfRecord spf = SpfRecord.plan(ServerAddresses.bare(name), previous.stream().map(DnsChangeService::text)
                .toList(), includeDomain);
        if (spf.state() == SpfRecord.State.ALREADY_INCLUDED) {
            return Optional.empty();
        }
        if (spf.state() != SpfRecord.State.ADD_INCLUDE) {
            throw new DnsChangeException(spf.detail() + " Nothing was changed.");
        }
        Record old = previous.stream().filter(r -> text(r).equals(spf.current())).findFirst().orElseThrow();
        Update update = new Update(zone);
        // Prerequisite records carry TTL 0 (RFC 2136 §2.4.2); the comparison is on the data only.
        previous.forEach(r -> update.present(Record.newRecord(name, Type.TXT, DClass.IN, 0, r.rdataToWireCanonical())));
        update.delete(old);
        update.add(new TXTRecord(name, DClass.IN, old.getTTL(), split(spf.proposed())));
        String what = "SPF of " + ServerAddresses.bare(name) + " to \"" + spf.proposed() + "\"";
        DnsClient.Answer answer = send(update);
        if (answer.rcode() == Rcode.NXRRSET || answer.rcode() == Rcode.YXRRSET) {
            throw new DnsChangeException(answer.server() + " did not apply the update of zone "
                    + ServerAddresses.bare(zone) + " (" + what + "): " + answer.rcodeName() + ", the TXT records "
                    + "changed after Mailferry read them. Expected " + describeRecords("TXT", previous)
                    + ", the server now has " + describeRecords("TXT", rrset(name, Type.TXT))
                    + ". Nothing was changed; look at the new SPF record, then retry.");
        }
        check(answer, zone, what);
        return Optional.of(remember(zone, name, Type.TXT, previous));
    }

    /**
     * Restores the records a change replaced, by compare-and-set: only while the server still has exactly the
     * records that change set (RFC 2136 prerequisite). Someone else's later edit is never overwritten. The
     * rollback is itself a change, kept in the log, so it can be undone the same way.
     */
    public DnsChange rollback(long changeId) {
        if (!changeLog.keepsChanges()) {
            throw new DnsChangeException("Change " + changeId + " cannot be rolled back: no change log is kept "
                    + "here (it needs Mailferry's database)");
        }
        DnsChange change = changeLog.find(changeId).orElseThrow(() -> new DnsChangeException(
                "No DNS change " + changeId + " is recorded"));
        Name name = ServerAddresses.absolute(change.name());
        int type = Type.value(change.type());
        Name zone = ServerAddresses.absolute(change.zone());
        List<Record> expected = parse(change.newRecords(), change.id());
        List<Record> previous = parse(change.previousRecords(), change.id());
        Update update = new Update(zone);
        if (expected.isEmpty()) {
            update.absent(name, type);
        }
        // Prerequisite records carry TTL 0 (RFC 2136 §2.4.2); the comparison is on the data only.
        expected.forEach(r -> update.present(Record.newRecord(r.getName(), r.getType(), DClass.IN, 0,
                r.rdataToWireCanonical())));
        update.delete(name, type);
        previous.forEach(update::add);
        String what = "roll back change " + change.id() + ": " + change.type() + " of " + change.name() + " back to "
                + describeRecords(change.type(), previous);
        DnsClient.Answer answer = send(update);
        if (answer.rcode() == Rcode.NXRRSET || answer.rcode() == Rcode.YXRRSET) {
            throw new DnsChangeException("Change " + change.id() + " was not rolled back: the " + change.type()
                    + " of " + change.name() + " changed since Mailferry set it: expected "
                    + describeRecords(change.type(), expected) + ", found "
                    + describeRecords(change.type(), rrset(name, type)) + ". Nothing was changed; the newer "
                    + "records are someone else's, decide with them.");
        }
        check(answer, zone, what);
        return changeLog.record(new DnsChange(0, change.zone(), change.name(), change.type(),
                lines(expected), lines(rrset(name, type)), answer.server(), Instant.now()));
    }

    /** Reads back what the server serves now and keeps the change. */
    private DnsChange remember(Name zone, Name name, int type, List<Record> previous) {
        return changeLog.record(new DnsChange(0, ServerAddresses.bare(zone), ServerAddresses.bare(name),
                Type.string(type), lines(previous), lines(rrset(name, type)), ServerAddresses.print(server()),
                Instant.now()));
    }

    private List<Record> rrset(Name name, int type) {
        return read(name, type).records(type).stream().filter(r -> r.getName().equals(name)).toList();
    }

    private static List<String> lines(List<Record> records) {
        return records.stream().map(Record::toString).sorted().toList();
    }

    private static List<Record> parse(List<String> lines, long changeId) {
        List<Record> records = new ArrayList<>();
        String text = String.join("\n", lines);
        try (Master master = new Master(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Name.root)) {
            for (Record record = master.nextRecord(); record != null; record = master.nextRecord()) {
                records.add(record);
            }
        } catch (IOException e) {
            throw new DnsChangeException("The records kept for change " + changeId + " cannot be read back: "
                    + e.getMessage());
        }
        return records;
    }

    /** e.g. {@code MX 10 mail.contoso.com} or {@code no MX records}: the data, as an operator compares it. */
    private static String describeRecords(String type, List<Record> records) {
        if (records.isEmpty()) {
            return "no " + type + " records";
        }
        return type + " " + new HashSet<>(records.stream().map(Record::rdataToString).toList()).stream().sorted()
                .collect(Collectors.joining(", "));
    }

    private void apply(Update update, Name zone, String what) {
        check(send(update), zone, what);
    }

    private void check(DnsClient.Answer answer, Name zone, String what) {
        DnsChangeException failure = UpdateFailures.explain(answer, ServerAddresses.bare(zone), what, keys);
        if (failure != null) {
            throw failure;
        }
        // The customer's DNS is theirs: every change Mailferry makes to it belongs in the log.
        log.info("DNS update applied on {} in zone {}: {}", answer.server(), ServerAddresses.bare(zone), what);
    }

    private DnsClient.Answer send(Update update) {
        TSIG key = keys.key();
        return client.send(server(), update, key).join();
    }

    private Name zoneOf(Name name) {
        try {
            return client.zoneOf(name, List.of(server()), false);
        } catch (DnsLookupException e) {
            // An authoritative-only server refuses questions about zones it does not serve.
            throw new DnsChangeException("Cannot find the zone of " + ServerAddresses.bare(name) + " on the update "
                    + "server: " + e.getMessage() + ". The server does not seem to be authoritative for it: point "
                    + "mailferry.dns.update.server at the zone's primary server.");
        }
    }

    private DnsClient.Answer read(Name name, int type) {
        try {
            return client.askFirst(List.of(server()), name, type, false);
        } catch (DnsLookupException e) {
            throw new DnsChangeException("Cannot read the current records from the update server: " + e.getMessage());
        }
    }

    private InetSocketAddress server() {
        if (!config.configured()) {
            throw new DnsChangeException("No DNS update server is configured (mailferry.dns.update.server): "
                    + "the records have to be changed by hand.");
        }
        return ServerAddresses.parse(config.server(), DnsProperties.DNS_PORT, "mailferry.dns.update.server");
    }

    private String describeCurrent(String domain) {
        try {
            return describe(currentMx(domain));
        } catch (DnsChangeException e) {
            return "(could not read them again: " + e.getMessage() + ")";
        }
    }

    private static String describe(List<MxRecord> mx) {
        return mx.isEmpty() ? "no MX records"
                : "MX " + mx.stream().map(MxRecord::toString).collect(Collectors.joining(", "));
    }

    /** A TXT record's value: its character-strings joined (RFC 7208 §3.3). */
    private static String text(Record txt) {
        return String.join("", ((TXTRecord) txt).getStrings());
    }

    private static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        for (int start = 0; start < value.length(); start += TXT_STRING_MAX) {
            parts.add(value.substring(start, Math.min(value.length(), start + TXT_STRING_MAX)));
        }
        return parts.isEmpty() ? List.of("") : parts;
    }
}
