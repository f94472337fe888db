package io.mailferry.text;

/**
 * Text cut to fit where it is stored: a String process variable, or a VARCHAR column of the Flyway schema. Both
 * refuse a longer value outright (the engine's job then fails on every retry; PostgreSQL and H2 reject the row), so a
 * text built from outside data — a server's answer, an error, a list of users — goes through here first.
 */
public final class Fit {
    /**
     * Camunda keeps a String variable in VARCHAR(4000) columns (the runtime's and the history's {@code TEXT_}); a
     * longer one makes the job that sets it fail for ever.
     */
    public static final int VARIABLE = 4_000;

    static final String ELLIPSIS = "…";

    private Fit() {}

    /** {@code text} as a String process variable can hold it; null stays null. */
    public static String variable(String text) {
        return cut(text, VARIABLE);
    }

    /** {@code value} as a VARCHAR({@code width}) column can hold it; null stays null. */
    public static String column(String value, int width) {
        return cut(value, width);
    }

    /**
     * At most {@code max} characters: a longer text keeps its beginning and ends with "…". A surrogate pair is never
     * split, so what is kept is still valid text (a lone half would reach the database as "?").
     */
    public static String cut(String text, int max) {
        if (max <= ELLIPSIS.length()) {
            throw new IllegalArgumentException("Text cannot be cut to " + max + " characters");
        }
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - ELLIPSIS.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + ELLIPSIS;
    }
}
