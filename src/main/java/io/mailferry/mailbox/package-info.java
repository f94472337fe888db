/**
 * Copies mailboxes over IMAP from a source endpoint (on-premises Exchange) to a target endpoint (Microsoft 365):
 * endpoint registration and testing, and a resumable, idempotent sync engine that works in bounded slices so a
 * runbook step never holds a job for hours. State lives in the mf_sync_* tables; passwords only as SecretStore
 * references.
 */
package io.mailferry.mailbox;
