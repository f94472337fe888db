/**
 * Reads the on-premises directory (Active Directory or any LDAP server) to find the mailboxes of a domain, the
 * list every migration batch starts from.
 */
package io.mailferry.directory;
