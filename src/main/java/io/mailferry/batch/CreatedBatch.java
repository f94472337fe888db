package io.mailferry.batch;

import java.util.List;

/** A migration batch made from one batch of a mailbox list: its id and name, and its mailboxes' ids and addresses. */
public record CreatedBatch(long batchId, String name, List<Long> mailboxIds, List<String> addresses) {
    public CreatedBatch {
        mailboxIds = List.copyOf(mailboxIds);
        addresses = List.copyOf(addresses);
    }
}
