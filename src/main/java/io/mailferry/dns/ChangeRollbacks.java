package io.mailferry.dns;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Rolls changes back for {@link DnsChangeService}: one by its id (the command line), or every change a process
 * instance made in the given steps, newest first (the MX switch after a failed step). Each is a compare-and-set: the
 * records from before a change come back only while the server still has those the change set, so someone else's
 * later edit is never overwritten. A rollback is a change of its own, kept with the id of the change it undoes; a
 * change rolled back already is left alone, and a pending one is first looked at again ({@link ChangeUpdates#settle}).
 */
final class ChangeRollbacks {
    private final ChangeUpdates updates;
    private final DnsChangeLog changeLog;

    ChangeRollbacks(ChangeUpdates updates, DnsChangeLog changeLog) {
        this.updates = updates;
        this.changeLog = changeLog;
    }

    DnsChange rollback(long changeId) {
        DnsChange change = changeLog
                .find(changeId)
                .orElseThrow(() -> new DnsChangeException("No DNS change " + changeId + " is recorded"));
        Optional<DnsChange> earlier = rolledBackBy(change);
        if (earlier.isPresent()) {
            throw new DnsChangeException("Change " + changeId + " (" + change.type() + " of " + change.name()
                    + ") was rolled back already, by change " + earlier.get().id() + ". Nothing was changed.");
        }
        DnsChange live = settled(change);
        if (live.state() == DnsChange.State.FAILED) {
            throw new DnsChangeException("Change " + changeId + " (" + change.type() + " of " + change.name()
                    + ") was never applied (" + live.failure() + "), so there is nothing to roll back.");
        }
        return restore(live);
    }

    /** The rollbacks made, newest change first; none when every change is rolled back already or never applied. */
    List<DnsChange> rollbackChanges(String processInstance, Collection<String> steps) {
        List<DnsChange> made = changeLog.madeBy(processInstance).stream()
                .filter(c -> c.madeIn(processInstance, steps))
                .sorted(Comparator.comparingLong(DnsChange::id).reversed())
                .toList();
        List<DnsChange> rollbacks = new ArrayList<>();
        for (DnsChange change : made) {
            if (rolledBackBy(change).isPresent()) {
                continue; // e.g. this rollback ran before and failed at an older change
            }
            DnsChange live = settled(change);
            if (live.state() == DnsChange.State.APPLIED) {
                rollbacks.add(restore(live));
            }
        }
        return rollbacks;
    }

    /** The applied rollback of {@code change}, once any rollback of it whose outcome was not known is settled. */
    private Optional<DnsChange> rolledBackBy(DnsChange change) {
        return changeLog.rollbacksOf(change.id()).stream()
                .map(updates::settle)
                .filter(r -> r.state() == DnsChange.State.APPLIED)
                .findFirst();
    }

    /** {@code change} with its outcome known; a pending one the server cannot explain is refused. */
    private DnsChange settled(DnsChange change) {
        DnsChange settled = updates.settle(change);
        if (settled.state() == DnsChange.State.PENDING) {
            throw new DnsChangeException("The outcome of change " + change.id() + " (" + change.type() + " of "
                    + change.name() + ") is not known"
                    + (change.failure() == null ? "" : " (" + change.failure() + ")")
                    + ", and the update server has neither the records from before it nor those it was to set: it "
                    + "has " + updates.describeNow(change) + ". Nothing was changed; look at the zone and decide "
                    + "what it should have.");
        }
        return settled;
    }

    private DnsChange restore(DnsChange change) {
        Name name = ServerAddresses.absolute(change.name());
        int type = Type.value(change.type());
        List<Record> expected = RecordText.parse(change.newRecords(), change.id());
        List<Record> previous = RecordText.parse(change.previousRecords(), change.id());
        String what = "roll back change " + change.id() + ": " + change.type() + " of " + change.name() + " back to "
                + RecordText.describe(change.type(), previous);
        Function<DnsClient.Answer, String> conflict = answer -> "Change " + change.id() + " was not rolled back: the "
                + change.type() + " of " + change.name() + " changed since Mailferry set it: expected "
                + RecordText.describe(change.type(), expected) + ", found " + updates.describeNow(change)
                + ". Nothing was changed; the newer records are someone else's, decide with them.";
        return updates.compareAndSet(
                new ChangeUpdates.Planned(
                        ServerAddresses.absolute(change.zone()), name, type, expected, previous, what),
                ChangeUpdates.replace(name, type, previous),
                conflict,
                change.id());
    }
}
