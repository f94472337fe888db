/**
 * The MailboxMigration process — one instance per mailbox of a batch, its sync slices calling the mailbox-sync
 * service — and the two batch-level steps both runbooks take on it: the request for the final sync, sent to every
 * mailbox of the batch, and the batch's deletion, which stops its synchronisation.
 */
package io.mailferry.mailboxmigration;
