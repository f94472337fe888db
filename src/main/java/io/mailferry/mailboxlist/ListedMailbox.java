package io.mailferry.mailboxlist;

/**
 * A mailbox of a stored list, as a staged migration batch needs it: the address (lower case), whether the user must
 * change the password at the first sign-in, its batch and the spreadsheet row it came from. The list's passwords are
 * not kept (see {@link MailboxListService}).
 */
public record ListedMailbox(String address, boolean forceChangePassword, int batch, int row) {}
