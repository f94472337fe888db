/**
 * Mailbox lists: the CSV file of Microsoft's staged migration runbook ({@code EmailAddress}, {@code Password},
 * {@code ForceChangePassword}), checked the way the Exchange admin center checks it and more, every problem reported
 * at once by spreadsheet row and column, then stored all or nothing, split into batches of at most 2,000 mailboxes.
 * Passwords from the file go straight into the {@link io.mailferry.secrets.SecretStore}; lists and their rows only
 * hold {@code secret:…} references. The validator needs no database, so the command line shares it.
 */
package io.mailferry.mailboxlist;
