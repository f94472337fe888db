package io.mailferry.mailbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One folder's source→target UID map with the flags last written, as the last pass left it. Kept in sorted primitive
 * arrays with each distinct flag text stored once: a delta on a server without CONDSTORE compares every message of
 * the folder with it, and 100,000 boxed map entries with their strings cost tens of MiB, these arrays about 2 MiB.
 */
final class MessageMap {
    /** UIDs start at 1: 0 marks a message whose target UID is not known (a target without UIDPLUS). */
    private static final long NO_TARGET_UID = 0;

    private final long[] sourceUids;
    private final long[] targetUids;
    private final int[] flags;
    private final int size;
    private final FlagTexts texts;
    private final BitSet forgotten = new BitSet();

    private MessageMap(long[] sourceUids, long[] targetUids, int[] flags, int size, FlagTexts texts) {
        this.sourceUids = sourceUids;
        this.targetUids = targetUids;
        this.flags = flags;
        this.size = size;
        this.texts = texts;
    }

    /** The entry of {@code sourceUid}, or -1 when the message is not mapped. */
    int indexOf(long sourceUid) {
        int i = Arrays.binarySearch(sourceUids, 0, size, sourceUid);
        return i < 0 || forgotten.get(i) ? -1 : i;
    }

    int size() {
        return size;
    }

    long sourceUid(int i) {
        return sourceUids[i];
    }

    Long targetUid(int i) {
        return targetUids[i] == NO_TARGET_UID ? null : targetUids[i];
    }

    String flags(int i) {
        return texts.text(flags[i]);
    }

    boolean isForgotten(int i) {
        return forgotten.get(i);
    }

    /** The source message is gone: its entry no longer counts. */
    void forget(int i) {
        forgotten.set(i);
    }

    /** The target UIDs known to belong to a mapped message, ascending (for {@link Arrays#binarySearch(long[], long)}). */
    long[] knownTargetUids() {
        long[] known = new long[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (targetUids[i] != NO_TARGET_UID && !forgotten.get(i)) {
                known[n++] = targetUids[i];
            }
        }
        long[] result = Arrays.copyOf(known, n);
        Arrays.sort(result);
        return result;
    }

    /** Collects the entries in any order; {@link #build()} sorts them by source UID if they were not. */
    static final class Builder {
        private long[] sourceUids = new long[64];
        private long[] targetUids = new long[64];
        private int[] flags = new int[64];
        private int size;
        private boolean sorted = true;
        private final FlagTexts texts = new FlagTexts();

        void add(long sourceUid, Long targetUid, String flagText) {
            if (size == sourceUids.length) {
                int capacity = size * 2;
                sourceUids = Arrays.copyOf(sourceUids, capacity);
                targetUids = Arrays.copyOf(targetUids, capacity);
                flags = Arrays.copyOf(flags, capacity);
            }
            if (size > 0 && sourceUids[size - 1] >= sourceUid) {
                sorted = false;
            }
            sourceUids[size] = sourceUid;
            targetUids[size] = targetUid == null ? NO_TARGET_UID : targetUid;
            flags[size] = texts.index(flagText);
            size++;
        }

        MessageMap build() {
            if (!sorted) {
                sortBySourceUid();
            }
            return new MessageMap(sourceUids, targetUids, flags, size, texts);
        }

        private void sortBySourceUid() {
            Integer[] order = new Integer[size];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, (a, b) -> Long.compare(sourceUids[a], sourceUids[b]));
            long[] s = new long[size];
            long[] t = new long[size];
            int[] f = new int[size];
            for (int i = 0; i < size; i++) {
                s[i] = sourceUids[order[i]];
                t[i] = targetUids[order[i]];
                f[i] = flags[order[i]];
            }
            sourceUids = s;
            targetUids = t;
            flags = f;
        }
    }

    /** Each distinct flag text once: a folder has a handful of flag combinations, not one per message. */
    private static final class FlagTexts {
        private final List<String> byIndex = new ArrayList<>();
        private final Map<String, Integer> indexes = new HashMap<>();

        int index(String text) {
            return indexes.computeIfAbsent(text, t -> {
                byIndex.add(t);
                return byIndex.size() - 1;
            });
        }

        String text(int index) {
            return byIndex.get(index);
        }
    }
}
