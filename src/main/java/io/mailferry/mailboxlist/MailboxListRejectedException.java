package io.mailferry.mailboxlist;

import io.mailferry.text.Shown;
import java.util.List;

/**
 * A list with problems, of which nothing was stored. The message counts them; the problems name row and column, the
 * first hundred of them (the last then says how many more).
 */
public class MailboxListRejectedException extends RuntimeException {
    private final transient List<ListProblem> problems;
    private final long problemCount;

    public MailboxListRejectedException(List<ListProblem> problems, long problemCount) {
        super("The mailbox list was not stored: " + Shown.count(problemCount) + " problem"
                + (problemCount == 1 ? "" : "s") + ", the first "
                + problems.get(0).describe());
        this.problems = List.copyOf(problems);
        this.problemCount = problemCount;
    }

    public List<ListProblem> problems() {
        return problems;
    }

    /** All problems of the list, listed or not. */
    public long problemCount() {
        return problemCount;
    }
}
