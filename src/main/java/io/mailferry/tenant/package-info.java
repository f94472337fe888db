/**
 * The Microsoft 365 tenant the mailboxes move to: domains and their verification, users, licences and groups,
 * behind the {@link io.mailferry.tenant.Tenant} interface so the in-memory tenant of the demo and tests can
 * later be joined by a Microsoft Graph one.
 */
package io.mailferry.tenant;
