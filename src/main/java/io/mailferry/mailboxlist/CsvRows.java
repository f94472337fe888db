package io.mailferry.mailboxlist;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The records of the text as a spreadsheet shows them: comma-separated, fields optionally in double quotes (a quote
 * inside written twice, line breaks allowed), lines ending in CRLF, LF or CR. Empty lines are kept, so record
 * {@code n} is spreadsheet row {@code n}. Records are handed on one at a time and not kept, and a text with a row
 * wider or a cell longer than a list can have is not parsed at all ({@link #oversize}), so a file's shape cannot make
 * it cost more than its size. Parsing stops at broken quoting, which is reported by row; the parser's own message is
 * not passed on, as it could quote a password.
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

    /** Spreadsheet row and column (from 0) of a position in the text. */
    record Cell(int row, int column) {}

    /**
     * The first place where the text is wider than a list can be: row {@code row} has {@code columns} columns (more
     * than allowed; 0 when the row is not too wide), or its cell in {@code column} (from 0) is too long, in quotes
     * when {@code quoted}.
     */
    record Oversize(int row, int column, int columns, boolean quoted) {
        boolean tooWide() {
            return columns > 0;
        }
    }

    private CsvRows() {}

    /**
     * Hands each record to {@code each}, in order; returns 0 when the whole text was read, else the row whose
     * quoting stopped the parser.
     */
    static int read(String text, Consumer<Row> each) {
        int rows = 0;
        try (CSVParser parser = CSVParser.builder()
                .setReader(new StringReader(text))
                .setFormat(FORMAT)
                .get()) {
            for (CSVRecord record : parser) {
                each.accept(new Row(++rows, record.toList()));
            }
            return 0;
        } catch (UncheckedIOException | IOException brokenQuotes) {
            return rows + 1;
        }
    }

    /**
     * The first row with more than {@code maxColumns} columns or a cell longer than {@code maxCell} characters
     * (quotes included), by the parser's rules; null when there is none. Reads the text once and keeps nothing.
     */
    static Oversize oversize(String text, int maxColumns, int maxCell) {
        Cursor cursor = new Cursor();
        int cellStart = 0;
        for (int i = 0; i < text.length(); ) {
            int row = cursor.row;
            int column = cursor.column;
            int next = cursor.step(text, i);
            if (cursor.row != row || cursor.column != column) {
                cellStart = next;
                if (cursor.column >= maxColumns) {
                    return new Oversize(row, 0, columnsOf(text, next, cursor), false);
                }
            } else if (next - cellStart > maxCell) {
                return new Oversize(row, column, 0, cursor.quoted);
            }
            i = next;
        }
        return null;
    }

    /** How many columns the row the cursor is in has, counting on from {@code from}. */
    private static int columnsOf(String text, int from, Cursor cursor) {
        int columns = cursor.column + 1;
        int row = cursor.row;
        for (int i = from; i < text.length(); ) {
            i = cursor.step(text, i);
            if (cursor.row != row) {
                break;
            }
            columns = cursor.column + 1;
        }
        return columns;
    }

    /**
     * Where each of the (ascending) text positions lies, by the same rules as the parser; past broken quoting the
     * rest of the text counts as one field, as it does for the parser.
     */
    static List<Cell> locate(String text, List<Integer> positions) {
        List<Cell> cells = new ArrayList<>();
        Cursor cursor = new Cursor();
        int next = 0;
        for (int i = 0; i < text.length() && next < positions.size(); ) {
            while (next < positions.size() && positions.get(next) <= i) {
                cells.add(new Cell(cursor.row, cursor.column));
                next++;
            }
            i = cursor.step(text, i);
        }
        while (next < positions.size()) {
            cells.add(new Cell(cursor.row, cursor.column));
            next++;
        }
        return cells;
    }

    /** The parser's rules, one character (or a quote written twice, or CRLF) at a time. */
    private static final class Cursor {
        int row = 1;
        int column;
        boolean quoted;
        boolean fieldStart = true;

        /** Moves past the character at {@code i}; returns where the next one starts. */
        int step(String text, int i) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        return i + 2; // a quote written twice is one quote in the field
                    }
                    quoted = false;
                }
            } else if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
            } else if (c == ',') {
                column++;
                fieldStart = true;
            } else if (c == '\r' || c == '\n') {
                row++;
                column = 0;
                fieldStart = true;
                return c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
            } else {
                fieldStart = false;
            }
            return i + 1;
        }
    }
}
