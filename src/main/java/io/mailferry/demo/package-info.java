/**
 * The demo profile (the default): embedded stand-ins for every external system — GreenMail as the on-premises
 * Exchange and as Microsoft 365, an in-memory LDAP directory, an in-memory DNS zone accepting RFC 2136 updates,
 * an in-memory tenant — seeded with the contoso.com organisation.
 */
package io.mailferry.demo;
