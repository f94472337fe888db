/**
 * What only the CutoverMigration process (Microsoft's 8-step cutover runbook) does: the notices to mailbox owners and
 * the welcome message, the optional security groups, and the one batch of every mailbox. Its shared steps live in
 * their own packages (domainverification, sourceendpoint, initialsync, mailrouting, licences, mailboxmigration).
 */
package io.mailferry.cutover;
