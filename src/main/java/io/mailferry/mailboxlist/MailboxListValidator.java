package io.mailferry.mailboxlist;

import io.mailferry.tenant.TenantNames;
import io.mailferry.text.Shown;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a mailbox list the way the Exchange admin center checks a staged migration CSV (not empty, comma-separated,
 * at most 2,000 rows or the smaller batch size asked for, an EmailAddress column, every row as wide as the header)
 * and further: readable Unicode, valid and unique addresses in verified domains, passwords Microsoft 365 accepts,
 * ForceChangePassword True or False (and False under single sign-on). Every problem is found, so the operator
 * fixes the file once; the first hundred are listed ({@link ProblemList}). Blank rows are skipped. A file larger than
 * a list of 2,000 of the widest rows ({@link ListLimits}), or with a row or cell wider than any list has, is refused
 * before it is parsed: whatever the file, checking it costs about as much memory as its size. Stateless apart from its
 * rules, and free of databases and secrets, so the command line uses it as is.
 */
public final class MailboxListValidator {
    /** The seed: "The CSV file for a migration batch can contain a maximum of 2,000 rows." */
    public static final int MAX_BATCH_SIZE = 2000;

    private final ValidationRules rules;

    public MailboxListValidator(ValidationRules rules) {
        this.rules = rules;
    }

    /** The list in {@code content} (the file's bytes), checked; close the result to wipe its passwords. */
    public ValidatedList validate(byte[] content) {
        if (content.length == 0) {
            return ValidatedList.rejected(List.of(empty()));
        }
        if (content.length > ListLimits.MAX_BYTES) {
            return ValidatedList.rejected(List.of(tooLarge(content.length)));
        }
        CsvDecoding.Decoded decoded = CsvDecoding.decode(content);
        if (decoded.firstNul() >= 0) {
            return ValidatedList.rejected(List.of(new ListProblem(
                    1,
                    null,
                    "The file holds zero bytes (the first at "
                            + "byte " + decoded.firstNul()
                            + ", counted from 0) but starts without a byte order mark: it looks "
                            + "like UTF-16 or UTF-32 saved without one. Save it as 'CSV UTF-8' or as Unicode text with a byte "
                            + "order mark.")));
        }
        CsvRows.Oversize oversize = CsvRows.oversize(decoded.text(), ListLimits.COLUMNS, ListLimits.CELL);
        if (oversize != null) {
            return ValidatedList.rejected(List.of(oversize.tooWide() ? tooWide(oversize) : tooLong(oversize)));
        }
        return new Run(decoded).check();
    }

    /**
     * Why a file of {@code bytes} is refused unread: by the same measure at every door, the upload and the command
     * line, which asks before reading the file.
     */
    public static ListProblem tooLarge(long bytes) {
        return new ListProblem(
                1,
                null,
                "The file has " + Shown.count(bytes) + " bytes; a mailbox list has at most "
                        + Shown.count(ListLimits.MAX_BYTES) + " (2,000 rows of the widest kind, saved as "
                        + "'CSV UTF-8 (Comma delimited)'; a list of 2,000 usual rows has about 100 KB). Is it the "
                        + "right file? A file saved as UTF-16 ('Unicode text') is twice as large: save it as CSV "
                        + "UTF-8. Nothing in it was checked.");
    }

    private static ListProblem tooWide(CsvRows.Oversize oversize) {
        return new ListProblem(
                oversize.row(),
                null,
                (oversize.row() == 1 ? "The header" : "This row") + " has " + Shown.count(oversize.columns())
                        + " columns; a mailbox list has at most 3 (" + ListColumn.FULL_HEADER + "), and no row "
                        + "wider than " + ListLimits.COLUMNS + " is read. Is it the right file, saved with commas "
                        + "as separator? Nothing in it was checked.");
    }

    private static ListProblem tooLong(CsvRows.Oversize oversize) {
        // the header's names are not read yet: the column goes by its number
        return new ListProblem(
                oversize.row(),
                null,
                "The cell in column " + (oversize.column() + 1) + " is longer than " + ListLimits.CELL
                        + " characters, more than any cell of a mailbox "
                        + "list holds (an address has at most " + ListLimits.ADDRESS + ", a password "
                        + CellChecks.MAX_PASSWORD + ")"
                        + (oversize.quoted()
                                ? "; it starts with a quote that does not end where the cell should (a quote "
                                        + "inside a cell is written twice)"
                                : "")
                        + ". Nothing in the file was checked.");
    }

    private static ListProblem empty() {
        return new ListProblem(
                1,
                null,
                "The file is empty. A mailbox list has the header row " + ListColumn.FULL_HEADER
                        + " (only EmailAddress is required) and one row per mailbox.");
    }

    /** The state of checking one file, row by row; no row is kept. */
    private final class Run {
        private final CsvDecoding.Decoded decoded;
        private final ProblemList problems = new ProblemList();
        /** Cells with undecodable bytes, already reported: their content says nothing about the operator's intent. */
        private final Set<CsvRows.Cell> undecodable = new HashSet<>();

        private final Map<String, Integer> firstRowOf = new HashMap<>();
        private final List<ListEntry> entries = new ArrayList<>();
        private final Set<Integer> badHeaderColumns = new HashSet<>();
        private List<CsvRows.Cell> badCells;
        private ListHeader header;
        private boolean anyText;
        private int mailboxes;
        private int firstTooMany;

        Run(CsvDecoding.Decoded decoded) {
            this.decoded = decoded;
        }

        ValidatedList check() {
            badCells = CsvRows.locate(
                    decoded.text(),
                    decoded.badBytes().stream()
                            .map(CsvDecoding.BadBytes::charIndex)
                            .toList());
            undecodable.addAll(badCells);
            badCells.stream().filter(cell -> cell.row() == 1).forEach(cell -> badHeaderColumns.add(cell.column()));
            int brokenRow = CsvRows.read(decoded.text(), this::next);
            if (!anyText && brokenRow == 0) {
                return ValidatedList.rejected(List.of(empty()));
            }
            if (header == null) { // the quoting of row 1 is broken
                header(List.of());
            }
            if (header.usable()) {
                if (mailboxes == 0 && brokenRow == 0) {
                    problems.add(new ListProblem(
                            2,
                            null,
                            "The list has a header but no mailboxes: add one row per " + "mailbox below the header."));
                }
                if (firstTooMany > 0 && !rules.split()) {
                    int most = rules.batchSize();
                    problems.add(new ListProblem(
                            firstTooMany,
                            null,
                            "The list has " + mailboxes + " mailboxes; "
                                    + (most == MAX_BATCH_SIZE
                                            ? "a staged migration batch holds at most "
                                            : "the batch size asked for is ")
                                    + most + " (this is mailbox " + (most + 1)
                                    + "). Upload it with split=true (command line: --split) to divide it into batches of at "
                                    + "most " + most + ", or split the file yourself."));
                }
            }
            if (brokenRow > 0) {
                problems.add(new ListProblem(
                        brokenRow,
                        null,
                        "The quotes in this row do not pair up: a "
                                + "quoted field must end with a quote right before the next comma or the end of the line, and "
                                + "a quote inside it is written twice (\"\"). The rows after it were not checked."));
            }
            return new ValidatedList(problems.listed(), problems.found(), entries);
        }

        /** The bad bytes are named by the header's column names, so they are reported once it is known. */
        private void header(List<String> names) {
            header = new ListHeader(names, badHeaderColumns);
            reportUndecodableBytes(badCells);
            problems.addAll(header.problems());
        }

        /** Row 1 is the header; every other non-blank row a mailbox. */
        private void next(CsvRows.Row row) {
            anyText |= !row.blank();
            if (header == null) {
                header(row.values());
                return;
            }
            if (!header.usable() || row.blank()) {
                return;
            }
            checkRow(row);
            mailboxes++;
            if (mailboxes == rules.batchSize() + 1) {
                firstTooMany = row.row();
            }
        }

        /** Checks one non-blank row; while the list is faultless, it becomes an entry. */
        private void checkRow(CsvRows.Row row) {
            List<String> values = row.values();
            if (values.size() != header.width()) {
                String hint = values.size() < header.width()
                                && String.join("", values).contains(";")
                        ? " (this row seems to be separated by semicolons)"
                        : "";
                problems.add(new ListProblem(
                        row.row(),
                        null,
                        "This row has " + values.size() + " column"
                                + (values.size() == 1 ? "" : "s") + ", the header has " + header.width()
                                + "; every row needs as many" + hint + "."));
                return;
            }
            String address = address(row);
            String password = cell(row, ListColumn.PASSWORD);
            if (password != null) {
                report(row, ListColumn.PASSWORD, CellChecks.passwordProblem(password));
            }
            boolean forceChange = forceChangePassword(row);
            if (problems.isEmpty()) { // a faulty list stores nothing, so its passwords are not copied
                int batch = rules.split() ? entries.size() / rules.batchSize() + 1 : 1;
                entries.add(new ListEntry(
                        row.row(), batch, address, password == null ? null : new Password(password), forceChange));
            }
        }

        /** The normalised address, or null when the cell is at fault (and reported). */
        private String address(CsvRows.Row row) {
            String cell = cell(row, ListColumn.EMAIL_ADDRESS);
            if (cell == null) {
                return null;
            }
            if (cell.isBlank()) {
                report(
                        row,
                        ListColumn.EMAIL_ADDRESS,
                        "the EmailAddress is empty; every row needs the primary SMTP "
                                + "address of an on-premises mailbox");
                return null;
            }
            String address;
            try {
                address = TenantNames.address(cell);
            } catch (IllegalArgumentException invalid) {
                report(
                        row,
                        ListColumn.EMAIL_ADDRESS,
                        "'" + CellChecks.shown(cell.trim()) + "' is not a valid email "
                                + "address; expected the primary SMTP address of the on-premises mailbox, e.g. "
                                + "pilarp@contoso.com");
                return null;
            }
            Integer first = firstRowOf.putIfAbsent(address, row.row());
            if (first != null) {
                report(
                        row,
                        ListColumn.EMAIL_ADDRESS,
                        address + " is already listed in row " + first
                                + " (addresses are compared without regard to case); list each mailbox once");
            }
            String domain = address.substring(address.lastIndexOf('@') + 1);
            if (rules.checksDomains() && !rules.verifiedDomains().contains(domain)) {
                report(
                        row,
                        ListColumn.EMAIL_ADDRESS,
                        domain + " is not a verified domain of the organisation ("
                                + (rules.verifiedDomains().isEmpty()
                                        ? "no domain is verified yet"
                                        : "verified: " + String.join(", ", rules.verifiedDomains()))
                                + "); verify it in Microsoft 365 first, or leave its mailboxes out");
            }
            return address;
        }

        private boolean forceChangePassword(CsvRows.Row row) {
            String cell = cell(row, ListColumn.FORCE_CHANGE_PASSWORD);
            if (cell == null) {
                return false;
            }
            Optional<Boolean> flag = CellChecks.flag(cell);
            if (flag.isEmpty()) {
                report(
                        row,
                        ListColumn.FORCE_CHANGE_PASSWORD,
                        "ForceChangePassword must be True or False"
                                + (cell.isBlank()
                                        ? "; the cell is empty"
                                        : ", not '" + CellChecks.shown(cell.trim()) + "'"));
                return false;
            }
            if (flag.get() && rules.singleSignOn()) {
                report(
                        row,
                        ListColumn.FORCE_CHANGE_PASSWORD,
                        "ForceChangePassword must be False: the organisation "
                                + "signs in with single sign-on (AD FS), where users cannot change their password in "
                                + "Microsoft 365 (mailferry.tenant.single-sign-on)");
            }
            return flag.get();
        }

        /** The cell of {@code column} in the row; null when the list has no such column or the cell is unreadable. */
        private String cell(CsvRows.Row row, ListColumn column) {
            int index = header.indexOf(column);
            if (index < 0 || undecodable.contains(new CsvRows.Cell(row.row(), index))) {
                return null;
            }
            return row.values().get(index);
        }

        private void report(CsvRows.Row row, ListColumn column, String message) {
            if (message != null) {
                problems.add(new ListProblem(row.row(), column.header, message));
            }
        }

        /** One problem per cell, at its first bad byte: re-saving the file fixes them all at once anyway. */
        private void reportUndecodableBytes(List<CsvRows.Cell> badCells) {
            Set<CsvRows.Cell> reported = new HashSet<>();
            for (int i = 0; i < badCells.size(); i++) {
                CsvRows.Cell cell = badCells.get(i);
                if (reported.add(cell)) {
                    problems.add(new ListProblem(
                            cell.row(),
                            header.columnName(cell.column()),
                            undecodable(decoded.badBytes().get(i).byteOffset())));
                }
            }
        }

        private String undecodable(long byteOffset) {
            String encoding = decoded.charset().name();
            String where = "byte " + byteOffset + " (counted from 0) is not valid " + encoding;
            return decoded.byteOrderMark()
                    ? where + "; the file is damaged or was converted wrongly, save it again as Unicode text"
                    : where + ". Was the file saved in a legacy code page such as Windows-1252 ('ANSI')? Save it as "
                            + "'CSV UTF-8 (Comma delimited)'";
        }
    }
}
