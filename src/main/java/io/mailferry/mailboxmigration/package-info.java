/**
 * The MailboxMigration process: one instance per mailbox of a batch, its delegates calling the mailbox-sync service.
 */
package io.mailferry.mailboxmigration;
