/**
 * Migration batches: which mailboxes move together from which source endpoint to which target endpoint, and
 * each mailbox's status, like an Exchange migration batch and its migration users. Plain JDBC, no process
 * engine types, so the runbook delegates and the sync engine share one source of truth.
 */
package io.mailferry.batch;
