package io.mailferry.mailboxlist;

/**
 * A mailbox of a stored list, as a staged migration batch needs it: the address (lower case), the secret store
 * reference of its password ({@code secret:…}, null when the list gave none), whether the user must change it at
 * the first sign-in, its batch and the spreadsheet row it came from.
 */
public record ListedMailbox(String address, String passwordRef, boolean forceChangePassword, int batch, int row) {}
