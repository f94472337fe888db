package io.mailferry.mailboxlist;

import java.util.Locale;
import java.util.Optional;

/**
 * The checks of single cells, as messages for the operator (null when the cell is fine). Password messages describe
 * the rule that is broken and never the password.
 */
final class CellChecks {
    /** Microsoft 365's rule for cloud passwords, which the seed says applies to the list's passwords too. */
    static final int MIN_PASSWORD = 8;

    static final int MAX_PASSWORD = 256;
    private static final int SHOWN = 60;

    private CellChecks() {}

    /** A cell's text fit for a message: one line, at most 60 characters. Never used on a Password cell. */
    static String shown(String value) {
        String line = shownLine(value);
        return line.codePointCount(0, line.length()) > SHOWN
                ? line.substring(0, line.offsetByCodePoints(0, SHOWN)) + "…"
                : line;
    }

    /** The text on one line: control characters (line breaks, tabs, escapes) become '?', so logs cannot be forged. */
    static String shownLine(String value) {
        StringBuilder line = new StringBuilder(value.length());
        value.codePoints().forEach(c -> line.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return line.toString();
    }

    static String passwordProblem(String password) {
        if (password.isEmpty()) {
            return "the Password is empty: every row needs a value in each column of the header; if these mailboxes "
                    + "get no password from the list, leave the Password column out";
        }
        if (password.chars().anyMatch(Character::isISOControl)) {
            return "the Password contains a line break, tab or other control character (a quoted cell running over "
                    + "several lines?); passwords cannot contain them";
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD || length > MAX_PASSWORD) {
            return "the Password is "
                    + (length < MIN_PASSWORD ? "shorter than " + MIN_PASSWORD : "longer than " + MAX_PASSWORD)
                    + " characters; Microsoft 365 requires " + MIN_PASSWORD + " to " + MAX_PASSWORD;
        }
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean symbol = false;
        for (int c : password.codePoints().toArray()) {
            lower |= Character.isLowerCase(c);
            upper |= Character.isUpperCase(c);
            digit |= Character.isDigit(c);
            symbol |= !Character.isLetterOrDigit(c);
        }
        int kinds = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
        return kinds >= 3
                ? null
                : "the Password must contain three of these four kinds of characters: lower-case "
                        + "letters, upper-case letters, digits, symbols (Microsoft 365's password rule)";
    }

    /** True or False in any case, with surrounding spaces; empty when the cell is neither. */
    static Optional<Boolean> flag(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
