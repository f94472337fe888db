package io.mailferry.mailboxlist;

import java.util.List;

/** A list with problems, of which nothing was stored. The message counts them; the problems name row and column. */
public class MailboxListRejectedException extends RuntimeException {
    private final transient List<ListProblem> problems;

    public MailboxListRejectedException(List<ListProblem> problems) {
        super("The mailbox list was not stored: " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + ", the first " + problems.get(0).describe());
        this.problems = List.copyOf(problems);
    }

    public List<ListProblem> problems() {
        return problems;
    }
}
