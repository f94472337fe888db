package io.mailferry.mailboxlist;

/** How many mailboxes batch {@code number} (counted from 1) of a list holds. */
public record BatchSize(int number, int mailboxes) {}
