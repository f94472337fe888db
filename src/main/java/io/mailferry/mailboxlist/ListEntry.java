package io.mailferry.mailboxlist;

/**
 * One mailbox of a validated list: its spreadsheet row, the batch it falls into (from 1), the address in lower
 * case (Exchange compares addresses without regard to case), the password if the list has one, and whether the
 * user must change it at the first sign-in.
 */
public record ListEntry(int row, int batch, String address, Password password, boolean forceChangePassword) {}
