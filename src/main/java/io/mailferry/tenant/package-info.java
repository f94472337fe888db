/**
 * The Microsoft 365 tenant the mailboxes move to: domains and their verification, users, licences and groups,
 * behind the {@link io.mailferry.tenant.Tenant} interface. The in-memory tenant serves the demo and the tests; the
 * Microsoft Graph one ({@code io.mailferry.m365}) serves when {@code mailferry.m365.tenant-id} is set.
 */
package io.mailferry.tenant;
