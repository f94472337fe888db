package io.mailferry.mailbox;

import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * What one folder's pass has to do, found by comparing the source's UIDs and flags with the stored map: which
 * mapped messages changed flags, which source messages are new. Without CONDSTORE (Exchange) that is one
 * {@code UID FETCH 1:* (UID FLAGS)} for the whole folder, compared message by message as the answer arrives.
 */
final class SourceComparison {
    /** A mapped message (its {@link MessageMap} entry) whose source flags are no longer those last written. */
    record FlagChange(int entry, String desired) {}

    /** Distinct flag sets seen before; a folder has a handful, so each is made canonical once, not per message. */
    private static final int CANONICAL_CACHE = 256;

    private final MessageMap mapped;
    private final Set<Long> skipped;
    private final FlagRules rules;
    private final Map<Flags, String> canonical = new HashMap<>();
    private final List<FlagChange> flagChanges = new ArrayList<>();
    private final UidList newUids = new UidList();
    /** Every source UID seen, only when deletions are mirrored (null otherwise). */
    private final UidList present;

    private SourceComparison(MessageMap mapped, Set<Long> skipped, FlagRules rules, boolean keepPresent) {
        this.mapped = mapped;
        this.skipped = skipped;
        this.rules = rules;
        this.present = keepPresent ? new UidList() : null;
    }

    /**
     * @param last the folder's STATUS when it was last in sync; with a HIGHESTMODSEQ in it (CONDSTORE) only the
     *     messages changed since (CHANGEDSINCE) and those that arrived since (from the old UIDNEXT) are compared
     * @param allUids true to compare every message regardless (mirroring deletions needs every source UID)
     */
    static SourceComparison of(
            IMAPFolder source,
            SourceStatus last,
            boolean allUids,
            MessageMap mapped,
            Set<Long> skipped,
            FlagRules rules)
            throws MessagingException {
        SourceComparison comparison = new SourceComparison(mapped, skipped, rules, allUids);
        if (source.getMessageCount() == 0) {
            // "1:*" of an empty folder is an error to some servers; there is nothing to compare anyway.
            return comparison;
        }
        if (allUids || last == null || last.highestModSeq() == null) {
            UidFlagsFetch.fetch(source, "1:*", "", comparison::compare);
        } else {
            long uidNext = last.uidNext();
            if (uidNext > 1) {
                // "1:0" is not a UID set: a folder that was empty when last in sync has no old messages to compare
                UidFlagsFetch.fetch(
                        source,
                        "1:" + (uidNext - 1),
                        "(CHANGEDSINCE " + last.highestModSeq() + ")",
                        comparison::compare);
            }
            // "n:*" also returns the last message when none is at or above n: it is not new.
            UidFlagsFetch.fetch(source, uidNext + ":*", "", (uid, flags) -> {
                if (uid >= uidNext) {
                    comparison.compare(uid, flags);
                }
            });
        }
        return comparison;
    }

    private void compare(long uid, Flags flags) {
        if (present != null) {
            present.add(uid);
        }
        int entry = mapped.indexOf(uid);
        if (entry < 0) {
            // Not "uid > last_source_uid": the map is the truth, so nothing can slip through a stale mark.
            if (!skipped.contains(uid)) {
                newUids.add(uid);
            }
            return;
        }
        String desired = canonical(flags);
        if (!desired.equals(mapped.flags(entry))) {
            flagChanges.add(new FlagChange(entry, desired));
        }
    }

    private String canonical(Flags flags) {
        String known = canonical.get(flags);
        if (known != null) {
            return known;
        }
        if (canonical.size() >= CANONICAL_CACHE) {
            canonical.clear(); // hundreds of distinct keyword sets: rare, and then caching gains nothing
        }
        String text = rules.canonical(flags);
        canonical.put(flags, text);
        return text;
    }

    List<FlagChange> flagChanges() {
        return flagChanges;
    }

    /** Source messages no map entry or skip record knows, in ascending UID order. */
    long[] newUids() {
        return newUids.sorted();
    }

    /** Whether the source still has {@code uid}; only when every UID was compared. */
    boolean present(long uid) {
        if (present == null) {
            throw new IllegalStateException("Only a comparison of every source UID knows which are present");
        }
        return present.contains(uid);
    }

    /** A growing list of UIDs without a Long per UID. */
    private static final class UidList {
        private long[] uids = new long[16];
        private int size;
        private boolean sorted = true;

        void add(long uid) {
            if (size == uids.length) {
                uids = Arrays.copyOf(uids, size * 2);
            }
            if (size > 0 && uids[size - 1] >= uid) {
                sorted = false;
            }
            uids[size++] = uid;
        }

        long[] sorted() {
            sort();
            return Arrays.copyOf(uids, size);
        }

        boolean contains(long uid) {
            sort();
            return Arrays.binarySearch(uids, 0, size, uid) >= 0;
        }

        private void sort() {
            if (!sorted) {
                Arrays.sort(uids, 0, size);
                sorted = true;
            }
        }
    }
}
