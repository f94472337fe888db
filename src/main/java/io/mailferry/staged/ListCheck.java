package io.mailferry.staged;

import io.mailferry.mailboxlist.BatchSize;
import io.mailferry.mailboxlist.MailboxList;
import io.mailferry.text.Shown;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether the list id an operator gave names a stored mailbox list, and if so what the staged migration needs from
 * it: its batch numbers, a one-line summary and one address to test the migration endpoint with. When it does not,
 * {@code problem} says why and what to do.
 */
public record ListCheck(
        boolean found,
        String problem,
        long listId,
        List<Long> batchNumbers,
        int mailboxes,
        String summary,
        String firstAddress) {

    static ListCheck found(MailboxList list, String firstAddress) {
        List<BatchSize> batches = list.batches();
        String sizes = batches.stream().map(b -> Shown.count(b.mailboxes())).collect(Collectors.joining(" + "));
        String summary =
                "Mailbox list " + list.id() + (list.fileName() == null ? "" : " (" + list.fileName() + ")") + ": "
                        + Shown.count(list.mailboxes()) + " mailboxes in " + batches.size()
                        + (batches.size() == 1 ? " batch" : " batches (" + sizes + ")");
        return new ListCheck(
                true,
                null,
                list.id(),
                batches.stream().map(b -> (long) b.number()).toList(),
                list.mailboxes(),
                summary,
                firstAddress);
    }

    static ListCheck notFound(String problem) {
        return new ListCheck(false, problem, 0, List.of(), 0, null, null);
    }
}
