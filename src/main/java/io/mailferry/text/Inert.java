package io.mailferry.text;

import java.util.Locale;

/**
 * Text from outside (a folder name any mailbox owner chooses, an IMAP server's reply, DNS data, a file name) made
 * inert for an operator's form. The Camunda Forms' text components put a variable into their Markdown as it is, then
 * render it with marked (GFM, line breaks kept) and keep {@code <img src>}, links, headings and tables; so a value
 * must carry no Markdown or HTML of its own, and text inside a code fence must not be able to end the fence.
 *
 * <p>{@link #markdown} is for running text, table cells and list items: every ASCII punctuation character that can
 * mean something becomes a numeric character reference ({@code *} is {@code &#42;}), which marked passes through as
 * text and the browser shows as the character, so emphasis, links, images, HTML, headings, lists, tables, bare URLs
 * and addresses (GFM autolinks) all show literally; line breaks become spaces. {@link #code} is for text inside a
 * {@code ```} fence, where nothing but a fence line has a meaning: backquotes and control characters are written as
 * {@code \DDD} (as a zone file does), so no line can close the fence. Both also write bidirectional and other
 * invisible formatting characters as {@code <U+XXXX>}, so a value cannot reorder the text around it, and both cap what
 * they return.
 */
public final class Inert {
    private static final String CUT = Fit.ELLIPSIS;
    private static final int ZWNJ = 0x200C;
    private static final int ZWJ = 0x200D;
    /**
     * Punctuation without a meaning in marked's Markdown (GFM, no smartypants) or in HTML text: no emphasis, link,
     * autolink, code, heading, list, table or tag starts with or depends on one of these.
     */
    private static final String PLAIN = ",;?%\"'/$";

    private Inert() {}

    /** {@code text} as inert running Markdown, at most {@link Fit#VARIABLE} characters; null stays null. */
    public static String markdown(String text) {
        return markdown(text, Fit.VARIABLE);
    }

    /**
     * {@code text} as inert running Markdown on one line, at most {@code max} characters (counted after escaping, so
     * the result fits where it goes); a longer text ends in "…", never inside a reference. Null stays null.
     */
    public static String markdown(String text, int max) {
        checkMax(max);
        if (text == null) {
            return null;
        }
        String line = text.strip();
        StringBuilder out = new StringBuilder(Math.min(max, line.length() + 16));
        boolean space = false;
        for (int i = 0; i < line.length(); ) {
            int c = line.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                space = out.length() > 0;
                continue;
            }
            String unit = markdownUnit(c);
            String next = space ? " " + unit : unit;
            space = false;
            if (!fits(out, next, i < line.length(), max)) {
                return out.append(CUT).toString();
            }
            out.append(next);
        }
        return out.toString();
    }

    /** {@code text} for a {@code ```} fence, at most {@link Fit#VARIABLE} characters; null stays null. */
    public static String code(String text) {
        return code(text, Fit.VARIABLE);
    }

    /**
     * {@code text} for a {@code ```} fence: its lines kept (CRLF and CR become LF), backquotes and other control
     * characters than line feeds written as {@code \DDD}; at most {@code max} characters, a longer text ending in
     * "…", never inside an escape. Null stays null.
     */
    public static String code(String text, int max) {
        checkMax(max);
        if (text == null) {
            return null;
        }
        String lines = text.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder out = new StringBuilder(Math.min(max, lines.length() + 16));
        for (int i = 0; i < lines.length(); ) {
            int c = lines.codePointAt(i);
            i += Character.charCount(c);
            String unit = c == '\n' ? "\n" : codeUnit(c);
            if (!fits(out, unit, i < lines.length(), max)) {
                return out.append(CUT).toString();
            }
            out.append(unit);
        }
        return out.toString();
    }

    /**
     * One character of running text: ASCII punctuation as a reference, but for the few that mean nothing to marked
     * or to HTML text wherever they stand (so that a sentence stays readable in Cockpit); invisible formatting as
     * {@code <U+XXXX>}.
     */
    private static String markdownUnit(int c) {
        if (c < 0x80 && !Character.isLetterOrDigit(c) && PLAIN.indexOf(c) < 0) {
            return "&#" + c + ";";
        }
        if (invisible(c)) {
            // the brackets are punctuation too
            return "&#60;U&#43;" + hex(c) + "&#62;";
        }
        return Character.toString(c);
    }

    private static String codeUnit(int c) {
        if (c == '`' || Character.isISOControl(c)) {
            return String.format(Locale.ROOT, "\\%03d", c);
        }
        if (invisible(c)) {
            return "<U+" + hex(c) + ">";
        }
        return Character.toString(c);
    }

    /**
     * Formatting characters (bidirectional overrides and isolates, zero-width spaces …) and line or paragraph
     * separators; not the zero-width (non-)joiner, which emoji and Persian words are written with.
     */
    private static boolean invisible(int c) {
        int type = Character.getType(c);
        return type == Character.FORMAT && c != ZWNJ && c != ZWJ
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static String hex(int c) {
        return String.format(Locale.ROOT, "%04X", c);
    }

    /** Whether {@code unit} may be appended, leaving room for "…" when more text follows it. */
    private static boolean fits(StringBuilder out, String unit, boolean more, int max) {
        return out.length() + unit.length() + (more ? CUT.length() : 0) <= max;
    }

    private static void checkMax(int max) {
        if (max < 16) {
            throw new IllegalArgumentException("Inert text needs room for at least 16 characters, not " + max);
        }
    }
}
