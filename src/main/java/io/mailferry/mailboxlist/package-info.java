/**
 * Mailbox lists: the CSV file of Microsoft's staged migration runbook ({@code EmailAddress}, {@code Password},
 * {@code ForceChangePassword}), checked the way the Exchange admin center checks it and more, every problem reported
 * at once by spreadsheet row and column, then stored all or nothing, split into batches of at most 2,000 mailboxes.
 * The Password column is checked as the runbook asks, then wiped: no step of Mailferry signs in with those passwords,
 * so neither the lists nor the secret store keep them. The validator needs no database, so the command line shares
 * it.
 */
package io.mailferry.mailboxlist;
