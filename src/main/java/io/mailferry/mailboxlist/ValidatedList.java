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
    private final List<ListEntry> entries;

    ValidatedList(List<ListProblem> problems, List<ListEntry> entries) {
        this.problems = List.copyOf(problems);
        this.entries = problems.isEmpty() ? List.copyOf(entries) : List.of();
        if (!problems.isEmpty()) {
            entries.forEach(ValidatedList::wipe);
        }
    }

    static ValidatedList rejected(List<ListProblem> problems) {
        return new ValidatedList(problems, List.of());
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    public List<ListProblem> problems() {
        return problems;
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
