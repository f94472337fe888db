package io.mailferry.mailboxlist;

import io.mailferry.text.Shown;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The problems of one list, as many as an operator reads: those of the first rows, at most {@link #LISTED}; the rest
 * are only counted, so a hostile file (a million empty columns, a million bad bytes) costs neither memory nor an
 * answer the size of the file. What was not listed becomes one last problem, at the first row not listed: "… and N
 * more".
 */
final class ProblemList {
    /** Problems listed at most. A real list has a few; a hundred say that the whole file is wrong. */
    static final int LISTED = 100;

    private record Numbered(ListProblem problem, long order) {}

    /** By row, then in the order found; the head is the one to drop first. */
    private static final Comparator<Numbered> BY_ROW =
            Comparator.comparingInt((Numbered n) -> n.problem().row()).thenComparingLong(Numbered::order);

    private final PriorityQueue<Numbered> kept = new PriorityQueue<>(BY_ROW.reversed());
    private long found;
    private int firstUnlistedRow = Integer.MAX_VALUE;

    void add(ListProblem problem) {
        Numbered numbered = new Numbered(problem, found++);
        kept.add(numbered);
        if (kept.size() > LISTED) {
            firstUnlistedRow =
                    Math.min(firstUnlistedRow, kept.remove().problem().row());
        }
    }

    void addAll(List<ListProblem> problems) {
        problems.forEach(this::add);
    }

    boolean isEmpty() {
        return found == 0;
    }

    /** Every problem found, listed or not. */
    long found() {
        return found;
    }

    /** The listed problems by row, and "… and N more" when there were more. */
    List<ListProblem> listed() {
        List<Numbered> sorted = new ArrayList<>(kept);
        sorted.sort(BY_ROW);
        List<ListProblem> listed =
                new ArrayList<>(sorted.stream().map(Numbered::problem).toList());
        long more = found - kept.size();
        if (more > 0) {
            listed.add(new ListProblem(
                    firstUnlistedRow,
                    null,
                    "… and " + Shown.count(more) + " more problem" + (more == 1 ? "" : "s")
                            + " from this row on, not listed (at most " + LISTED
                            + " are). Fix these and check the file "
                            + "again."));
        }
        return listed;
    }
}
