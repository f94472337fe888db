package io.mailferry.mailboxlist;

import io.mailferry.tenant.TenantNames;
import java.util.ArrayList;
import java.util.Comparator;
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
 * ForceChangePassword True or False (and False under single sign-on). Every problem is collected, so the operator
 * fixes the file once. Blank rows are skipped. Stateless apart from its rules, and free of databases and secrets, so
 * the command line uses it as is.
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
        CsvRows.Parsed parsed = CsvRows.parse(decoded.text());
        if (parsed.rows().stream().allMatch(CsvRows.Row::blank) && parsed.brokenRow() == 0) {
            return ValidatedList.rejected(List.of(empty()));
        }
        return new Run(decoded, parsed).check();
    }

    private static ListProblem empty() {
        return new ListProblem(
                1,
                null,
                "The file is empty. A mailbox list has the header row " + ListColumn.FULL_HEADER
                        + " (only EmailAddress is required) and one row per mailbox.");
    }

    /** The state of checking one file. */
    private final class Run {
        private final CsvDecoding.Decoded decoded;
        private final CsvRows.Parsed parsed;
        private final List<ListProblem> problems = new ArrayList<>();
        /** Cells with undecodable bytes, already reported: their content says nothing about the operator's intent. */
        private final Set<CsvRows.Cell> undecodable = new HashSet<>();

        private final Map<String, Integer> firstRowOf = new HashMap<>();
        private final List<ListEntry> entries = new ArrayList<>();
        private ListHeader header;

        Run(CsvDecoding.Decoded decoded, CsvRows.Parsed parsed) {
            this.decoded = decoded;
            this.parsed = parsed;
        }

        ValidatedList check() {
            List<CsvRows.Row> rows = parsed.rows();
            List<CsvRows.Cell> badCells = CsvRows.locate(
                    decoded.text(),
                    decoded.badBytes().stream()
                            .map(CsvDecoding.BadBytes::charIndex)
                            .toList());
            undecodable.addAll(badCells);
            Set<Integer> badHeaderColumns = new HashSet<>();
            badCells.stream().filter(cell -> cell.row() == 1).forEach(cell -> badHeaderColumns.add(cell.column()));
            header = new ListHeader(rows.isEmpty() ? List.of() : rows.get(0).values(), badHeaderColumns);
            reportUndecodableBytes(badCells);
            problems.addAll(header.problems());
            if (header.usable()) {
                int mailboxes = 0;
                int firstTooMany = 0;
                for (CsvRows.Row row : rows.subList(1, rows.size())) {
                    if (row.blank()) {
                        continue;
                    }
                    checkRow(row);
                    mailboxes++;
                    if (mailboxes == rules.batchSize() + 1) {
                        firstTooMany = row.row();
                    }
                }
                if (mailboxes == 0 && parsed.brokenRow() == 0) {
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
            if (parsed.brokenRow() > 0) {
                problems.add(new ListProblem(
                        parsed.brokenRow(),
                        null,
                        "The quotes in this row do not pair up: a "
                                + "quoted field must end with a quote right before the next comma or the end of the line, and "
                                + "a quote inside it is written twice (\"\"). The rows after it were not checked."));
            }
            problems.sort(Comparator.comparingInt(ListProblem::row));
            return new ValidatedList(problems, entries);
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
