package io.mailferry.mailboxlist;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Row 1 of a list: which column holds what, and what is wrong with it. Only the {@code EmailAddress} column is
 * required; without it (a wrong separator, a missing header row) the rows cannot be read at all, so that is the
 * only problem reported about the header then.
 */
final class ListHeader {
    private final List<String> names;
    private final Map<ListColumn, Integer> columns = new EnumMap<>(ListColumn.class);
    private final List<ListProblem> problems = new ArrayList<>();

    /** {@code undecodable}: columns of row 1 with bytes that are not text, already reported. */
    ListHeader(List<String> cells, Set<Integer> undecodable) {
        // a second byte order mark (a file converted twice) would make the first name differ invisibly
        this.names =
                cells.stream().map(name -> name.replace("\uFEFF", "").trim()).toList();
        for (int i = 0; i < names.size(); i++) {
            Optional<ListColumn> known = ListColumn.named(names.get(i));
            if (known.isPresent() && columns.putIfAbsent(known.get(), i) != null) {
                problems.add(new ListProblem(
                        1,
                        known.get().header,
                        known.get().header + " appears twice in the header " + "(columns "
                                + (columns.get(known.get()) + 1) + " and " + (i + 1) + "); remove one of them"));
            } else if (known.isEmpty() && !undecodable.contains(i)) {
                problems.add(
                        names.get(i).isEmpty()
                                ? new ListProblem(
                                        1,
                                        columnName(i),
                                        "the header names no column here; remove the empty column "
                                                + "(often a comma at the end of the lines)")
                                : new ListProblem(
                                        1,
                                        columnName(i),
                                        "'" + CellChecks.shown(names.get(i)) + "' is not a column of a "
                                                + "staged migration list; the columns are EmailAddress (required), Password and "
                                                + "ForceChangePassword"));
            }
        }
        if (!columns.containsKey(ListColumn.EMAIL_ADDRESS)) {
            problems.clear();
            problems.add(new ListProblem(1, null, missingEmailAddress()));
        }
    }

    private String missingEmailAddress() {
        String line = String.join(",", names);
        String expected = "Row 1 must be the header row, e.g. " + ListColumn.FULL_HEADER + ".";
        if (line.indexOf('\t') >= 0) {
            return "The file is separated by tabs, not commas (saved as 'Text (Tab delimited)'?). Save it as "
                    + "'CSV UTF-8 (Comma delimited)'. " + expected;
        }
        if (line.indexOf(';') >= 0) {
            return "The file is separated by semicolons, not commas (spreadsheets do this where the list separator is "
                    + "';', e.g. with German or French regional settings). Save it comma-separated, e.g. as "
                    + "'CSV UTF-8 (Comma delimited)' with ',' as list separator. " + expected;
        }
        if (!names.isEmpty() && names.get(0).contains("@")) {
            return "The file has no header row: row 1 holds an address. Insert " + ListColumn.FULL_HEADER
                    + " (or just EmailAddress) as the first line.";
        }
        if (line.isBlank()) {
            return "Row 1 is empty. " + expected;
        }
        return "The header row has no EmailAddress column (it reads '" + CellChecks.shown(line) + "'). " + expected;
    }

    boolean usable() {
        return columns.containsKey(ListColumn.EMAIL_ADDRESS);
    }

    int width() {
        return names.size();
    }

    /** The index of the column, -1 when the list does not have it. */
    int indexOf(ListColumn column) {
        return columns.getOrDefault(column, -1);
    }

    /** The name a problem gives column {@code index} (from 0): the header's, or "column N" where it has none. */
    String columnName(int index) {
        if (index < names.size()) {
            Optional<ListColumn> known = ListColumn.named(names.get(index));
            if (known.isPresent()) {
                return known.get().header;
            }
            if (!names.get(index).isEmpty()) {
                return CellChecks.shown(names.get(index));
            }
        }
        return "column " + (index + 1);
    }

    List<ListProblem> problems() {
        return problems;
    }
}
