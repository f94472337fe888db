package io.mailferry.dns;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * One change of one RRset as the change log keeps it: what the update server had before, what the change set (or
 * was about to set), and how far it got.
 *
 * @param id              the change log's id; 0 when no log keeps changes (the command line's {@code set-mx})
 * @param zone            e.g. {@code contoso.com}
 * @param name            owner name, e.g. {@code autodiscover.contoso.com}
 * @param type            MX, TXT, CNAME
 * @param previousRecords zone-file lines, empty when the RRset did not exist
 * @param newRecords      zone-file lines: as the server served them right after an applied change; the records the
 *                        update was to set while it is pending or when it failed
 * @param server          {@code host:port} of the update server
 * @param state           how far the change got
 * @param recordedAt      when the records before it were kept, just before the update was sent
 * @param appliedAt       when the server accepted it; null unless applied
 * @param failure         why it failed, or why its outcome is unknown; null otherwise
 * @param origin          who made it
 * @param rollbackOf      the id of the change this one rolled back; 0 for a change of its own
 */
public record DnsChange(
        long id,
        String zone,
        String name,
        String type,
        List<String> previousRecords,
        List<String> newRecords,
        String server,
        State state,
        Instant recordedAt,
        Instant appliedAt,
        String failure,
        DnsChangeOrigin origin,
        long rollbackOf) {

    /** How far a change got. */
    public enum State {
        /** The records before it are kept and the update is on its way, or its outcome is not known. */
        PENDING,
        /** The server accepted the update. */
        APPLIED,
        /** The server refused it, or accepted it without serving the records: nothing changed. */
        FAILED
    }

    public DnsChange {
        previousRecords = List.copyOf(previousRecords);
        newRecords = List.copyOf(newRecords);
        origin = origin == null ? DnsChangeOrigin.UNNAMED : origin;
    }

    DnsChange withId(long newId) {
        return new DnsChange(
                newId,
                zone,
                name,
                type,
                previousRecords,
                newRecords,
                server,
                state,
                recordedAt,
                appliedAt,
                failure,
                origin,
                rollbackOf);
    }

    DnsChange applied(List<String> served, Instant at) {
        return outcome(State.APPLIED, served, at, null);
    }

    DnsChange failed(String why) {
        return outcome(State.FAILED, newRecords, null, why);
    }

    /** Still PENDING: no reply to trust, {@code why} says so. */
    DnsChange stillPending(String why) {
        return outcome(State.PENDING, newRecords, null, why);
    }

    private DnsChange outcome(State outcome, List<String> records, Instant at, String why) {
        return new DnsChange(
                id,
                zone,
                name,
                type,
                previousRecords,
                records,
                server,
                outcome,
                recordedAt,
                at,
                why,
                origin,
                rollbackOf);
    }

    public boolean isRollback() {
        return rollbackOf != 0;
    }

    /** Whether this is a change of its own that {@code processInstance} made in one of {@code steps}. */
    boolean madeIn(String processInstance, Collection<String> steps) {
        return !isRollback() && processInstance.equals(origin.processInstance()) && steps.contains(origin.step());
    }
}
