package io.mailferry.mailboxlist;

/**
 * How large a mailbox list can legitimately be, computed from the widest row Microsoft 365 accepts; anything larger is
 * refused before it is read, so that no file, however made, costs more than a list of 2,000 such rows. Every
 * character of a valid row is ASCII (addresses are, and so are Microsoft 365 passwords), one byte in 'CSV UTF-8'.
 */
public final class ListLimits {
    /** RFC 5321: a local part of 64 characters, "@", a domain of 253. */
    static final int ADDRESS = 64 + 1 + 253;
    /** A password of 256 characters, quoted, each a quote written twice: the widest cell there is. */
    static final int CELL = 2 + 2 * CellChecks.MAX_PASSWORD;
    /** "False". */
    static final int FLAG = 5;
    /** The three columns, two commas and CRLF: 841 characters. */
    static final int ROW = ADDRESS + 1 + CELL + 1 + FLAG + 2;
    /**
     * Columns a row may have before the file is not read at all. A list has three; a spreadsheet may add a few empty
     * ones, which are named one by one; a wider row means a different file or separator.
     */
    static final int COLUMNS = 10;

    /** The byte order mark, the header and 2,000 rows of the widest kind: 1,682,844 bytes. */
    public static final int MAX_BYTES = 3 + (MailboxListValidator.MAX_BATCH_SIZE + 1) * ROW;

    private ListLimits() {}
}
