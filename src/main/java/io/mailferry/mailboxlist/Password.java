package io.mailferry.mailboxlist;

import java.util.Arrays;

/**
 * A password from a list, kept only while the list is checked: characters that can be wiped, handed over once, and
 * printed as {@code ***} so that no log line or exception built from a row can show it. No step uses list passwords,
 * so {@link MailboxListService} stores none; closing the {@link ValidatedList} wipes them.
 */
public final class Password {
    private char[] chars;

    Password(String cell) {
        this.chars = cell.toCharArray();
    }

    /** Hands the characters over (the receiver wipes them); afterwards this holds nothing. */
    public char[] take() {
        if (chars == null) {
            throw new IllegalStateException("This password was already handed over or wiped");
        }
        char[] taken = chars;
        chars = null;
        return taken;
    }

    void wipe() {
        if (chars != null) {
            Arrays.fill(chars, '\0');
            chars = null;
        }
    }

    @Override
    public String toString() {
        return "***";
    }
}
