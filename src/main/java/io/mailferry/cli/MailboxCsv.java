package io.mailferry.cli;

import io.mailferry.text.Fit;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The mailbox pairs of {@code sync --mailboxes FILE.csv}: a header row naming the four columns {@link #COLUMNS} (in
 * any order), then one row per mailbox pair, comma-separated, fields optionally in double quotes. The password
 * columns name files (relative ones from the CSV's own folder), never passwords, so the list can be shown and kept
 * without exposing a secret. Every problem names the file, the spreadsheet row and the column.
 */
final class MailboxCsv {
    static final String SOURCE = "Source";
    static final String SOURCE_PASSWORD_FILE = "SourcePasswordFile";
    static final String TARGET = "Target";
    static final String TARGET_PASSWORD_FILE = "TargetPasswordFile";
    static final List<String> COLUMNS = List.of(SOURCE, SOURCE_PASSWORD_FILE, TARGET, TARGET_PASSWORD_FILE);
    /** More than a cutover batch holds (2,000); a longer list is a mistake, not a migration. */
    static final int MAX_MAILBOXES = 10_000;

    private static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    /** One mailbox pair, from spreadsheet row {@code row} of {@code file}. */
    record Pair(Path file, int row, String source, Path sourcePasswordFile, String target, Path targetPasswordFile) {
        /** Where this pair came from, to prefix its messages with. */
        String where() {
            return file + " row " + row;
        }

        String where(String column) {
            return where() + ", column " + column;
        }
    }

    private MailboxCsv() {}

    /** The pairs of {@code file} in file order; IllegalArgumentException naming file, row and column otherwise. */
    static List<Pair> read(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        List<Pair> pairs = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser =
                        CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
            Map<String, Integer> columns = null;
            int row = 0;
            for (CSVRecord record : parser) {
                row++;
                List<String> values = record.toList();
                if (values.stream().allMatch(String::isBlank)) {
                    continue;
                }
                if (columns == null) {
                    columns = header(file, row, values);
                    continue;
                }
                if (values.size() != columns.size()) {
                    throw new IllegalArgumentException(file + " row " + row + " has " + values.size()
                            + " columns, the header " + columns.size() + " (" + String.join(",", COLUMNS) + ")");
                }
                if (pairs.size() == MAX_MAILBOXES) {
                    throw new IllegalArgumentException(
                            file + " row " + row + ": more than " + MAX_MAILBOXES + " mailbox rows; split the list");
                }
                Pair pair = new Pair(
                        file,
                        row,
                        cell(file, row, columns, values, SOURCE),
                        folder.resolve(cell(file, row, columns, values, SOURCE_PASSWORD_FILE)),
                        cell(file, row, columns, values, TARGET),
                        folder.resolve(cell(file, row, columns, values, TARGET_PASSWORD_FILE)));
                // the two would share one sync state and copy into the same target at the same time
                Integer twin = seen.putIfAbsent(pair.source() + "\n" + pair.target(), row);
                if (twin != null) {
                    throw new IllegalArgumentException(file + " row " + row + " repeats the mailbox pair of row " + twin
                            + " (same " + SOURCE + " and " + TARGET + ")");
                }
                pairs.add(pair);
            }
            if (columns == null) {
                throw new IllegalArgumentException(
                        file + " is empty: it needs the header row " + String.join(",", COLUMNS));
            }
        } catch (UncheckedIOException e) {
            throw unreadable(file, e.getCause());
        } catch (IOException e) {
            throw unreadable(file, e);
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException(file + ": a password file is not a valid path: " + e.getReason());
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException(file + " has a header but no mailbox rows");
        }
        return pairs;
    }

    /** The parser's own message could quote a cell; the file and the kind of problem are enough. */
    private static IllegalArgumentException unreadable(Path file, IOException e) {
        if (e instanceof CharacterCodingException) {
            return new IllegalArgumentException(file + " is not UTF-8 text");
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return new IllegalArgumentException("Cannot read " + file + ": no such file");
        }
        return new IllegalArgumentException("Cannot read " + file + ": broken quoting or a read error");
    }

    private static Map<String, Integer> header(Path file, int row, List<String> values) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            String name = values.get(i).replace("\uFEFF", "").strip(); // a spreadsheet's byte order mark
            String known = COLUMNS.stream()
                    .filter(c -> c.equalsIgnoreCase(name))
                    .findFirst()
                    .orElse(null);
            if (known == null) {
                // no password can be here: the list holds password files only
                throw new IllegalArgumentException(file + " row " + row + ", column " + columnLetter(i) + ": '"
                        + Fit.cut(name, 40) + "' is not a column of a mailbox list (the header row needs "
                        + String.join(",", COLUMNS) + ")");
            }
            if (columns.putIfAbsent(known, i) != null) {
                throw new IllegalArgumentException(file + " row " + row + ": the header names " + known + " twice");
            }
        }
        List<String> missing =
                COLUMNS.stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(file + " row " + row + ": the header lacks " + String.join(", ", missing)
                    + " (it needs " + String.join(",", COLUMNS) + ")");
        }
        return columns;
    }

    private static String cell(Path file, int row, Map<String, Integer> columns, List<String> values, String column) {
        String value = values.get(columns.get(column)).strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException(file + " row " + row + ", column " + column + " is empty");
        }
        return value;
    }

    /** The spreadsheet's name of column {@code index} (from 0): A … Z, AA … */
    private static String columnLetter(int index) {
        return index < 26
                ? String.valueOf((char) ('A' + index))
                : columnLetter(index / 26 - 1) + (char) ('A' + index % 26);
    }
}
