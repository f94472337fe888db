/**
 * The on-premises directory (Active Directory or any LDAP server): finds the mailboxes of a domain, the list every
 * migration batch starts from, and in a staged migration turns the mailboxes already moved into mail-enabled users.
 */
package io.mailferry.directory;
