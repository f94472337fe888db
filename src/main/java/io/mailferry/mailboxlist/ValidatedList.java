package io.mailferry.mailboxlist;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of checking a list: either problems (and no entries) or the entries, in file order, with their batch
 * numbers. Closing it wipes the passwords that were not handed to the secret store.
 */
public final class ValidatedList implements AutoCloseable {
    private final List<ListProblem> problems;
    private final long problemCount;
    private final List<ListEntry> entries;

    /** {@code problems} as listed (at most about a hundred, the last saying how many more); {@code found}: all. */
    ValidatedList(List<ListProblem> problems, long found, List<ListEntry> entries) {
        this.problems = List.copyOf(problems);
        this.problemCount = found;
        this.entries = problems.isEmpty() ? List.copyOf(entries) : List.of();
        if (!problems.isEmpty()) {
            entries.forEach(ValidatedList::wipe);
        }
    }

    static ValidatedList rejected(List<ListProblem> problems) {
        return new ValidatedList(problems, problems.size(), List.of());
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    /** The problems of the first rows, by row; when there were more, the last one says how many. */
    public List<ListProblem> problems() {
        return problems;
    }

    /** How many problems the file has, listed or not. */
    public long problemCount() {
        return problemCount;
    }

    public List<ListEntry> entries() {
        return entries;
    }

    public int mailboxes() {
        return entries.size();
    }

    /** The batches in order, each with its number of mailboxes. */
    public List<BatchSize> batches() {
        Map<Integer, Integer> sizes = new TreeMap<>();
        entries.forEach(entry -> sizes.merge(entry.batch(), 1, Integer::sum));
        List<BatchSize> batches = new ArrayList<>();
        sizes.forEach((number, count) -> batches.add(new BatchSize(number, count)));
        return batches;
    }

    @Override
    public void close() {
        entries.forEach(ValidatedList::wipe);
    }

    private static void wipe(ListEntry entry) {
        if (entry.password() != null) {
            entry.password().wipe();
        }
    }
}
