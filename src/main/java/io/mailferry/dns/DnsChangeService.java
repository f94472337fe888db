package io.mailferry.dns;

import io.mailferry.secrets.SecretStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * Changes the customer's zone by RFC 2136 dynamic update on {@code mailferry.dns.update.server}, signed with
 * TSIG when a key is configured. Reads needed for a change go to that same server, never to a resolver, whose
 * cache may be older than the zone. Every change is kept in a {@link DnsChangeLog} with the records before it,
 * committed before the update is sent, and its outcome after ({@link ChangeUpdates}), so it can be
 * {@linkplain #rollback(long) rolled back}, alone or with the other changes of a migration's step
 * ({@link #rollbackChanges}).
 */
@Service
public class DnsChangeService {
    private final UpdateServer server;
    private final DnsChangeLog changeLog;
    private final ChangeUpdates updates;
    private final ChangeRollbacks rollbacks;

    /** The application's: key from the secret store, changes kept in the database apart from the engine's jobs. */
    @Autowired
    public DnsChangeService(
            DnsProperties properties, SecretStore secrets, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this(
                properties,
                TsigKeySource.fromSecretStore(properties.update(), secrets),
                new JdbcDnsChangeLog(jdbc, transactions));
    }

    /** Key from the secret store, changes not kept. */
    public DnsChangeService(DnsProperties properties, SecretStore secrets) {
        this(properties, TsigKeySource.fromSecretStore(properties.update(), secrets), DnsChangeLog.NONE);
    }

    /**
     * Any key source and log; the command line passes a key file and {@link DnsChangeLog#NONE} or a log in the
     * application's database. The other constructors end here.
     */
    public DnsChangeService(DnsProperties properties, TsigKeySource keys, DnsChangeLog changeLog) {
        this(new UpdateServer(properties, keys), changeLog, DnsChangeOrigin.UNNAMED);
    }

    private DnsChangeService(UpdateServer server, DnsChangeLog changeLog, DnsChangeOrigin origin) {
        this.server = server;
        this.changeLog = changeLog;
        this.updates = new ChangeUpdates(server, changeLog, origin);
        this.rollbacks = new ChangeRollbacks(updates, changeLog);
    }

    /** The same service, keeping {@code origin} with every change it makes: a migration's step, the command line. */
    public DnsChangeService madeBy(DnsChangeOrigin origin) {
        return new DnsChangeService(server, changeLog, origin);
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
        Record added = new TXTRecord(
                name, DClass.IN, previous.isEmpty() ? ttl : previous.get(0).getTTL(), RecordText.txtStrings(value));
        Update update = new Update(zone);
        update.add(added);
        String what = "add TXT \"" + value + "\" at " + ServerAddresses.bare(name);
        List<Record> intended = new ArrayList<>(previous);
        intended.add(added);
        return updates.send(
                new ChangeUpdates.Planned(zone, name, Type.TXT, previous, intended, what),
                update,
                served -> served.stream().anyMatch(r -> RecordText.txtValue(r).equals(value))
                        ? null
                        : ServerAddresses.print(server.address()) + " accepted the update (" + what + ") but "
                                + "does not serve the record; a CNAME at that name makes servers ignore other "
                                + "records. Publish it by hand.");
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
        List<Record> replacement = mxRecords(name, lowered);
        updates.compareAndSet(
                new ChangeUpdates.Planned(zone, name, Type.MX, mxRecords(name, expected), replacement, what),
                ChangeUpdates.replace(name, Type.MX, replacement),
                mxChanged(zone, what, domain, expected, "."),
                0);
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

    /**
     * Replaces all MX records of {@code domain} by one, unless someone changes them while this runs. Empty when the
     * MX is that one record already, e.g. when a step runs again after a later failure or a crash.
     */
    public Optional<DnsChange> replaceMx(String domain, String host, int priority, long ttl) {
        List<MxRecord> current = currentMx(domain);
        if (current.equals(List.of(new MxRecord(priority, ServerAddresses.bare(host), ttl)))) {
            return Optional.empty();
        }
        return Optional.of(replaceMx(domain, current, host, priority, ttl));
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
        return updates.compareAndSet(
                new ChangeUpdates.Planned(zone, name, Type.MX, mxRecords(name, expected), replacement, what),
                ChangeUpdates.replace(name, Type.MX, replacement),
                mxChanged(zone, what, domain, expected, "; find out who else edits the zone, then retry."),
                0);
    }

    /**
     * Makes {@code name} a CNAME to {@code target}, replacing an existing CNAME there. Empty when it is that CNAME
     * already, e.g. when a step runs again after a later failure or a crash.
     */
    public Optional<DnsChange> setCname(String name, String target, long ttl) {
        Name owner = ServerAddresses.absolute(name);
        Name zone = server.zoneOf(owner);
        Name targetName = ServerAddresses.absolute(target);
        List<Record> previous = server.rrset(owner, Type.CNAME);
        CNAMERecord cname = new CNAMERecord(owner, DClass.IN, ttl, targetName);
        if (previous.size() == 1
                && previous.get(0).getTTL() == ttl
                && ((CNAMERecord) previous.get(0)).getTarget().equals(targetName)) {
            return Optional.empty();
        }
        Update update = new Update(zone);
        update.delete(owner, Type.CNAME);
        update.add(cname);
        String what = "CNAME " + ServerAddresses.bare(owner) + " -> " + ServerAddresses.bare(targetName);
        return Optional.of(updates.send(
                new ChangeUpdates.Planned(zone, owner, Type.CNAME, previous, List.of(cname), what),
                update,
                served -> served.stream()
                                .anyMatch(r -> ((CNAMERecord) r).getTarget().equals(targetName))
                        ? null
                        : ServerAddresses.print(server.address()) + " accepted the update (" + what + ") but "
                                + "does not serve the CNAME: " + ServerAddresses.bare(owner) + " has other records, "
                                + "and a CNAME cannot coexist with them. Remove them first (by hand, they may "
                                + "matter), then retry."));
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
        Record proposed = new TXTRecord(name, DClass.IN, old.getTTL(), RecordText.txtStrings(spf.proposed()));
        List<Record> intended = new ArrayList<>(previous);
        intended.remove(old);
        intended.add(proposed);
        // Only the SPF record is swapped; the other TXT records are compared, not deleted and added again.
        Consumer<Update> swap = update -> {
            update.delete(old);
            update.add(proposed);
        };
        return Optional.of(updates.compareAndSet(
                new ChangeUpdates.Planned(zone, name, Type.TXT, previous, intended, what),
                swap,
                answer -> refused(answer, zone, what) + ", the TXT records changed after Mailferry read them. Expected "
                        + RecordText.describe("TXT", previous) + ", the server now has "
                        + RecordText.describe("TXT", server.rrset(name, Type.TXT))
                        + ". Nothing was changed; look at the new SPF record, then retry.",
                0));
    }

    /**
     * Restores the records a change replaced, by compare-and-set: only while the server still has exactly the
     * records that change set (RFC 2136 prerequisite). Someone else's later edit is never overwritten. The
     * rollback is itself a change, kept in the log, so it can be undone the same way. A change whose outcome was not
     * known is looked at again first; one never applied, or rolled back already, is refused with the reason.
     */
    public DnsChange rollback(long changeId) {
        requireLog("Change " + changeId + " cannot be rolled back");
        return rollbacks.rollback(changeId);
    }

    /**
     * Rolls back what process instance {@code processInstance} changed in {@code steps}, newest change first, and
     * returns the rollbacks made. Changes never applied or rolled back already are left alone, so it can run again
     * after it stopped at a refusal; the first refusal (someone else's edit since) ends it with the reason.
     */
    public List<DnsChange> rollbackChanges(String processInstance, Collection<String> steps) {
        requireLog("The DNS changes of " + processInstance + " cannot be rolled back");
        return rollbacks.rollbackChanges(processInstance, steps);
    }

    /** Every change {@code processInstance} made, with every rollback of one of them, oldest first. */
    public List<DnsChange> changesMadeBy(String processInstance) {
        return changeLog.madeBy(processInstance);
    }

    /** The changes {@code processInstance} made in {@code steps}, with every rollback of one of them, oldest first. */
    public List<DnsChange> changesMadeBy(String processInstance, Collection<String> steps) {
        List<DnsChange> all = changeLog.madeBy(processInstance);
        Set<Long> made = all.stream()
                .filter(c -> c.madeIn(processInstance, steps))
                .map(DnsChange::id)
                .collect(Collectors.toSet());
        return all.stream()
                .filter(c -> made.contains(c.id()) || made.contains(c.rollbackOf()))
                .toList();
    }

    /** The {@code limit} latest changes, newest first. */
    public List<DnsChange> latestChanges(int limit) {
        return changeLog.newest(limit);
    }

    private void requireLog(String what) {
        if (!changeLog.keepsChanges()) {
            throw new DnsChangeException(what + ": no change log is kept here (it needs Mailferry's database)");
        }
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
}
