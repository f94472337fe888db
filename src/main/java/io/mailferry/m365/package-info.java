/**
 * Microsoft 365 for real: app-only tokens from Entra ID (msal4j, client credentials) for Microsoft Graph and
 * Exchange Online IMAP, and {@link io.mailferry.m365.GraphTenant}, the production {@link io.mailferry.tenant.Tenant}
 * over Microsoft Graph v1.0 on Spring's {@code RestClient}. Selected by {@code mailferry.m365.tenant-id}; nothing
 * here calls Microsoft before the first tenant operation, so a node starts while Microsoft is unreachable.
 * docs/microsoft365.md is the administrator's set-up.
 */
package io.mailferry.m365;
