package io.mailferry.dns;

import io.mailferry.secrets.SecretStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
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
    private final UpdateServer server;
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

    /**
     * Any key source and log; the command line tool passes a key file and {@link DnsChangeLog#NONE}. The other
     * constructors end here.
     */
    public DnsChangeService(DnsProperties properties, TsigKeySource keys, DnsChangeLog changeLog) {
        this.server = new UpdateServer(properties, keys);
        this.changeLog = changeLog;
    }

    /** Whether Mailferry may change DNS itself; otherwise the operator publishes the records by hand. */
    public boolean automaticChangesAvailable() {
        return server.configured();
    }

    /** The server changes go to, as the operator's forms name it ({@code host:port}), or null when none is configured. */
    public String updateServer() {
        return server.configured() ? server.configuredName() : null;
    }

    /**
     * Adds a TXT record at {@code domain}; other TXT records there (SPF, other verifications) stay as they are, TTL
     * included: an RRset has one TTL (RFC 2181 §5.2), so the new record takes theirs, and {@code ttl} only applies
     * when it is the first.
     */
    public DnsChange publishTxt(String domain, String value, long ttl) {
        Name name = ServerAddresses.absolute(domain);
        Name zone = server.zoneOf(name);
        List<Record> previous = server.rrset(name, Type.TXT);
        Update update = new Update(zone);
        update.add(new TXTRecord(
                name, DClass.IN, previous.isEmpty() ? ttl : previous.get(0).getTTL(), RecordText.txtStrings(value)));
        String what = "add TXT \"" + value + "\" at " + ServerAddresses.bare(name);
        server.check(server.send(update), zone, what);
        boolean served = server.read(name, Type.TXT).records(Type.TXT).stream()
                .anyMatch(r -> RecordText.txtValue(r).equals(value));
        if (!served) {
            throw new DnsChangeException(server.address() + " accepted the update (" + what + ") but does not serve "
                    + "the record; a CNAME at that name makes servers ignore other records. Publish it by hand.");
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
        Name zone = server.zoneOf(name);
        String what = "lower the TTL of the MX records of " + ServerAddresses.bare(name) + " to " + ttl + " s";
        List<MxRecord> lowered = expected.stream()
                .map(mx -> new MxRecord(mx.priority(), mx.host(), ttl))
                .toList();
        // Kept in the log like any other change, so that it can be rolled back.
        compareAndSet(
                zone,
                name,
                Type.MX,
                mxRecords(name, expected),
                replaceRRset(name, Type.MX, mxRecords(name, lowered)),
                what,
                mxChanged(zone, what, domain, expected, "."));
        return longest;
    }

    /** The MX records of {@code domain} as the update server has them now, most preferred first. */
    public List<MxRecord> currentMx(String domain) {
        return server.read(ServerAddresses.absolute(domain), Type.MX).records(Type.MX).stream()
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
        Name zone = server.zoneOf(name);
        String what =
                "replace MX of " + ServerAddresses.bare(name) + " by " + priority + " " + ServerAddresses.bare(host);
        List<Record> replacement = mxRecords(name, List.of(new MxRecord(priority, host, ttl)));
        return compareAndSet(
                zone,
                name,
                Type.MX,
                mxRecords(name, expected),
                replaceRRset(name, Type.MX, replacement),
                what,
                mxChanged(zone, what, domain, expected, "; find out who else edits the zone, then retry."));
    }

    /** Makes {@code name} a CNAME to {@code target}, replacing an existing CNAME there. */
    public DnsChange setCname(String name, String target, long ttl) {
        Name owner = ServerAddresses.absolute(name);
        Name zone = server.zoneOf(owner);
        Name targetName = ServerAddresses.absolute(target);
        List<Record> previous = server.rrset(owner, Type.CNAME);
        Update update = new Update(zone);
        update.delete(owner, Type.CNAME);
        update.add(new CNAMERecord(owner, DClass.IN, ttl, targetName));
        String what = "CNAME " + ServerAddresses.bare(owner) + " -> " + ServerAddresses.bare(targetName);
        server.check(server.send(update), zone, what);
        if (server.read(owner, Type.CNAME).records(Type.CNAME).stream()
                .noneMatch(r -> r.getName().equals(owner)
                        && ((CNAMERecord) r).getTarget().equals(targetName))) {
            throw new DnsChangeException(server.address() + " accepted the update (" + what + ") but does not serve "
                    + "the CNAME: " + ServerAddresses.bare(owner) + " has other records, and a CNAME cannot coexist "
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
        Name zone = server.zoneOf(name);
        List<Record> previous = server.rrset(name, Type.TXT);
        SpfRecord spf = SpfRecord.plan(
                ServerAddresses.bare(name),
                previous.stream().map(RecordText::txtValue).toList(),
                includeDomain);
        if (spf.state() == SpfRecord.State.ALREADY_INCLUDED) {
            return Optional.empty();
        }
        if (spf.state() != SpfRecord.State.ADD_INCLUDE) {
            throw new DnsChangeException(spf.detail() + " Nothing was changed.");
        }
        Record old = previous.stream()
                .filter(r -> RecordText.txtValue(r).equals(spf.current()))
                .findFirst()
                .orElseThrow();
        String what = "SPF of " + ServerAddresses.bare(name) + " to \"" + spf.proposed() + "\"";
        // Only the SPF record is swapped; the other TXT records are compared, not deleted and added again.
        Consumer<Update> swap = update -> {
            update.delete(old);
            update.add(new TXTRecord(name, DClass.IN, old.getTTL(), RecordText.txtStrings(spf.proposed())));
        };
        return Optional.of(compareAndSet(
                zone,
                name,
                Type.TXT,
                previous,
                swap,
                what,
                answer -> refused(answer, zone, what) + ", the TXT records changed after Mailferry read them. Expected "
                        + RecordText.describe("TXT", previous) + ", the server now has "
                        + RecordText.describe("TXT", server.rrset(name, Type.TXT))
                        + ". Nothing was changed; look at the new SPF record, then retry."));
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
        DnsChange change = changeLog
                .find(changeId)
                .orElseThrow(() -> new DnsChangeException("No DNS change " + changeId + " is recorded"));
        Name name = ServerAddresses.absolute(change.name());
        int type = Type.value(change.type());
        List<Record> expected = RecordText.parse(change.newRecords(), change.id());
        List<Record> previous = RecordText.parse(change.previousRecords(), change.id());
        String what = "roll back change " + change.id() + ": " + change.type() + " of " + change.name() + " back to "
                + RecordText.describe(change.type(), previous);
        Function<DnsClient.Answer, String> conflict = answer -> "Change " + change.id() + " was not rolled back: the "
                + change.type() + " of " + change.name() + " changed since Mailferry set it: expected "
                + RecordText.describe(change.type(), expected) + ", found "
                + RecordText.describe(change.type(), server.rrset(name, type))
                + ". Nothing was changed; the newer records are someone else's, decide with them.";
        return compareAndSet(
                ServerAddresses.absolute(change.zone()),
                name,
                type,
                expected,
                replaceRRset(name, type, previous),
                what,
                conflict);
    }

    /**
     * Compare-and-set on one RRset, in one UPDATE: the prerequisite that {@code name}/{@code type} is exactly
     * {@code expected} (absent when that is empty), then {@code change}. A server that finds the RRset different
     * refuses the whole update (NXRRSET or YXRRSET): someone else edited the zone in between, and the exception is
     * {@code conflict}'s message. Otherwise the change is kept, with {@code expected} as the records before: the
     * prerequisite has just proved them.
     */
    private DnsChange compareAndSet(
            Name zone,
            Name name,
            int type,
            List<Record> expected,
            Consumer<Update> change,
            String what,
            Function<DnsClient.Answer, String> conflict) {
        Update update = new Update(zone);
        if (expected.isEmpty()) {
            update.absent(name, type);
        }
        // Prerequisite records carry TTL 0 (RFC 2136 §2.4.2); the comparison is on the data only.
        expected.forEach(r -> update.present(Record.newRecord(name, type, DClass.IN, 0, r.rdataToWireCanonical())));
        change.accept(update);
        DnsClient.Answer answer = server.send(update);
        if (answer.rcode() == Rcode.NXRRSET || answer.rcode() == Rcode.YXRRSET) {
            throw new DnsChangeException(conflict.apply(answer));
        }
        server.check(answer, zone, what);
        return remember(zone, name, type, expected);
    }

    private static Consumer<Update> replaceRRset(Name name, int type, List<Record> records) {
        return update -> {
            update.delete(name, type);
            records.forEach(update::add);
        };
    }

    private static List<Record> mxRecords(Name name, List<MxRecord> mx) {
        return mx.stream()
                .<Record>map(
                        m -> new MXRecord(name, DClass.IN, m.ttl(), m.priority(), ServerAddresses.absolute(m.host())))
                .toList();
    }

    /** Why an MX compare-and-set was refused, with the MX records the server has now; {@code advice} ends it. */
    private Function<DnsClient.Answer, String> mxChanged(
            Name zone, String what, String domain, List<MxRecord> expected, String advice) {
        return answer -> refused(answer, zone, what) + ", the MX records changed after Mailferry read them. Expected "
                + RecordText.describeMx(expected) + ", the server now has " + describeCurrentMx(domain)
                + ". Nothing was changed" + advice;
    }

    /** e.g. {@code 127.0.0.1:53 did not apply the update of zone contoso.com (…): NXRRSET}. */
    private static String refused(DnsClient.Answer answer, Name zone, String what) {
        return answer.server() + " did not apply the update of zone " + ServerAddresses.bare(zone) + " (" + what + "): "
                + answer.rcodeName();
    }

    private String describeCurrentMx(String domain) {
        try {
            return RecordText.describeMx(currentMx(domain));
        } catch (DnsChangeException e) {
            return "(could not read them again: " + e.getMessage() + ")";
        }
    }

    /** Reads back what the server serves now and keeps the change. */
    private DnsChange remember(Name zone, Name name, int type, List<Record> previous) {
        return changeLog.record(new DnsChange(
                0,
                ServerAddresses.bare(zone),
                ServerAddresses.bare(name),
                Type.string(type),
                RecordText.lines(previous),
                RecordText.lines(server.rrset(name, type)),
                ServerAddresses.print(server.address()),
                Instant.now()));
    }
}
