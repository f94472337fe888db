package io.mailferry.mailboxlist;

import java.time.Instant;
import java.util.List;

/** A stored mailbox list: how many mailboxes it holds and in which batches. Carries no passwords or references. */
public record MailboxList(
        long id, String fileName, int mailboxes, List<BatchSize> batches, String createdBy, Instant createdAt) {}
