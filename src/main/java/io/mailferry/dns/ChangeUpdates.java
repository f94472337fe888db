package io.mailferry.dns;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * Sends one RFC 2136 update of one RRset for {@link DnsChangeService} with its change-log entry around it: the records
 * before it are kept (PENDING) and committed before the update leaves this host; once the server accepted it the
 * entry is APPLIED, with the records the server serves then; when the server refused it, FAILED. Without a reply to
 * trust the entry stays PENDING with the reason, since the change may be live: {@link #settle} finds out later.
 */
final class ChangeUpdates {
    private final UpdateServer server;
    private final DnsChangeLog changeLog;
    private final DnsChangeOrigin origin;

    ChangeUpdates(UpdateServer server, DnsChangeLog changeLog, DnsChangeOrigin origin) {
        this.server = server;
        this.changeLog = changeLog;
        this.origin = origin;
    }

    /** One change of {@code name}/{@code type} in {@code zone}: the records there now and those it is to set. */
    record Planned(Name zone, Name name, int type, List<Record> before, List<Record> intended, String what) {}

    /**
     * Compare-and-set on one RRset, in one UPDATE: the prerequisite that the RRset is exactly {@code planned.before}
     * (absent when that is empty), then {@code change}. A server that finds the RRset different refuses the whole
     * update (NXRRSET or YXRRSET): someone else edited the zone in between, and the exception is {@code conflict}'s
     * message. {@code rollbackOf} names the change this one rolls back, 0 for none.
     */
    DnsChange compareAndSet(
            Planned planned, Consumer<Update> change, Function<DnsClient.Answer, String> conflict, long rollbackOf) {
        Update update = new Update(planned.zone());
        if (planned.before().isEmpty()) {
            update.absent(planned.name(), planned.type());
        }
        // Prerequisite records carry TTL 0 (RFC 2136 §2.4.2); the comparison is on the data only.
        planned.before()
                .forEach(r -> update.present(
                        Record.newRecord(planned.name(), planned.type(), DClass.IN, 0, r.rdataToWireCanonical())));
        change.accept(update);
        return send(planned, update, conflict, served -> null, rollbackOf);
    }

    /**
     * An update without prerequisites; {@code notServed} looks at what the server serves after accepting it and says
     * why that is not the change (a server silently ignores some additions), or null.
     */
    DnsChange send(Planned planned, Update update, Function<List<Record>, String> notServed) {
        return send(planned, update, null, notServed, 0);
    }

    private DnsChange send(
            Planned planned,
            Update update,
            Function<DnsClient.Answer, String> conflict,
            Function<List<Record>, String> notServed,
            long rollbackOf) {
        DnsChange pending = changeLog.recordPending(new DnsChange(
                0,
                ServerAddresses.bare(planned.zone()),
                ServerAddresses.bare(planned.name()),
                Type.string(planned.type()),
                RecordText.lines(planned.before()),
                RecordText.lines(planned.intended()),
                ServerAddresses.print(server.address()),
                DnsChange.State.PENDING,
                Instant.now(),
                null,
                null,
                origin,
                rollbackOf));
        DnsClient.Answer answer;
        try {
            answer = server.send(update);
        } catch (RuntimeException notSent) {
            // e.g. the TSIG key could not be loaded: the update never left this host
            changeLog.update(pending.failed("Not sent: " + notSent.getMessage()));
            throw notSent;
        }
        if (conflict != null && (answer.rcode() == Rcode.NXRRSET || answer.rcode() == Rcode.YXRRSET)) {
            throw failed(pending, new DnsChangeException(conflict.apply(answer)));
        }
        DnsChangeException refusal = server.failure(answer, planned.zone(), planned.what());
        if (refusal != null && server.outcomeUnknown(answer)) {
            changeLog.update(pending.stillPending(refusal.getMessage()));
            throw refusal;
        }
        if (refusal != null) {
            throw failed(pending, refusal);
        }
        List<Record> served;
        try {
            served = server.rrset(planned.name(), planned.type());
        } catch (DnsChangeException unreadable) {
            // Accepted: applied as sent, though what the server serves now is not known.
            changeLog.update(pending.applied(pending.newRecords(), Instant.now()));
            throw unreadable;
        }
        String notThere = notServed.apply(served);
        if (notThere != null) {
            throw failed(pending, new DnsChangeException(notThere));
        }
        DnsChange applied = pending.applied(RecordText.lines(served), Instant.now());
        changeLog.update(applied);
        return applied;
    }

    private DnsChangeException failed(DnsChange pending, DnsChangeException why) {
        changeLog.update(pending.failed(why.getMessage()));
        return why;
    }

    /**
     * A PENDING change's outcome, from what the server has now: APPLIED when it serves the records the change was to
     * set, FAILED when it still serves those from before (the update never arrived); either is kept. Otherwise (the
     * RRset changed again since) it stays PENDING, and so does a change the server cannot be asked about.
     */
    DnsChange settle(DnsChange pending) {
        if (pending.state() != DnsChange.State.PENDING) {
            return pending;
        }
        Name name = ServerAddresses.absolute(pending.name());
        List<Record> now = server.rrset(name, Type.value(pending.type()));
        DnsChange settled;
        if (RecordText.sameData(now, RecordText.parse(pending.newRecords(), pending.id()))) {
            settled = pending.applied(RecordText.lines(now), Instant.now());
        } else if (RecordText.sameData(now, RecordText.parse(pending.previousRecords(), pending.id()))) {
            settled = pending.failed("Never applied: " + server.configuredName() + " still had the records from "
                    + "before it when Mailferry looked again");
        } else {
            return pending;
        }
        changeLog.update(settled);
        return settled;
    }

    /** The change that deletes the RRset and adds {@code records} in its place. */
    static Consumer<Update> replace(Name name, int type, List<Record> records) {
        return update -> {
            update.delete(name, type);
            records.forEach(update::add);
        };
    }

    /** What the server has now for the change's RRset, e.g. {@code MX 10 mail.contoso.com.}. */
    String describeNow(DnsChange change) {
        return RecordText.describe(
                change.type(), server.rrset(ServerAddresses.absolute(change.name()), Type.value(change.type())));
    }
}
