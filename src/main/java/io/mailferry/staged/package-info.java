/**
 * The StagedMigration process (Microsoft's 11-task staged migration runbook) and StagedMigrationBatch, one instance
 * per batch of a mailbox list: what only the staged runbook does (its shared steps live in their own packages). Their ids, their delegates — each reads variables, calls one service and writes small
 * results back — and the services behind them: the list checks, the batches made from a list, the conversion of
 * migrated mailboxes to mail-enabled users and the rule that says when a batch may be deleted.
 */
package io.mailferry.staged;
