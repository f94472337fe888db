package io.mailferry.mailboxlist;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The records of the text as a spreadsheet shows them: comma-separated, fields optionally in double quotes (a quote
 * inside written twice, line breaks allowed), lines ending in CRLF, LF or CR. Empty lines are kept, so record
 * {@code n} is spreadsheet row {@code n}. Parsing stops at broken quoting, which is reported by row; the parser's own
 * message is not passed on, as it could quote a password.
 */
final class CsvRows {
    private static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    /** The values of spreadsheet row {@code row}; never logged or printed, they may hold a password. */
    record Row(int row, List<String> values) {
        boolean blank() {
            return values.stream().allMatch(String::isBlank);
        }

        @Override
        public String toString() {
            return "Row[" + row + ", " + values.size() + " values]";
        }
    }

    /** {@code brokenRow} is the row whose quoting stopped the parser, 0 when the whole text was read. */
    record Parsed(List<Row> rows, int brokenRow) {}

    /** Spreadsheet row and column (from 0) of a position in the text. */
    record Cell(int row, int column) {}

    private CsvRows() {}

    static Parsed parse(String text) {
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder()
                .setReader(new StringReader(text))
                .setFormat(FORMAT)
                .get()) {
            for (CSVRecord record : parser) {
                rows.add(new Row(rows.size() + 1, record.toList()));
            }
            return new Parsed(rows, 0);
        } catch (UncheckedIOException | IOException brokenQuotes) {
            return new Parsed(rows, rows.size() + 1);
        }
    }

    /**
     * Where each of the (ascending) text positions lies, by the same rules as the parser; past broken quoting the
     * rest of the text counts as one field, as it does for the parser.
     */
    static List<Cell> locate(String text, List<Integer> positions) {
        List<Cell> cells = new ArrayList<>();
        int row = 1;
        int column = 0;
        boolean quoted = false;
        boolean fieldStart = true;
        int next = 0;
        for (int i = 0; i < text.length() && next < positions.size(); i++) {
            while (next < positions.size() && positions.get(next) <= i) {
                cells.add(new Cell(row, column));
                next++;
            }
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        i++; // a quote written twice is one quote in the field
                    } else {
                        quoted = false;
                    }
                }
            } else if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
            } else if (c == ',') {
                column++;
                fieldStart = true;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row++;
                column = 0;
                fieldStart = true;
            } else {
                fieldStart = false;
            }
        }
        while (next < positions.size()) {
            cells.add(new Cell(row, column));
            next++;
        }
        return cells;
    }
}
