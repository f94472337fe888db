package io.mailferry.mailboxlist;

/**
 * One fault in a mailbox list, where the operator sees it in a spreadsheet: {@code row} counts from the header
 * (row 1); {@code column} is the header's name for the column, or null when the whole row or file is meant. The
 * message says what is wrong and what to do; it never quotes a password.
 */
public record ListProblem(int row, String column, String message) {

    /** {@code row N, column C: message}, or {@code row N: message} without a column. */
    public String describe() {
        return "row " + row + (column == null ? "" : ", column " + column) + ": " + message;
    }
}
