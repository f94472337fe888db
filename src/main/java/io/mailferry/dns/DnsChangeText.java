package io.mailferry.dns;

import java.util.List;
import java.util.Locale;

/**
 * Changes and messages as the operator's forms and the command line show them. Record values come from DNS, where
 * whoever can edit the zone chooses them: control characters, backquotes and invisible formatting characters are
 * written as escapes ({@code \096} as in a zone file, {@code <U+202E>}), so a value can neither end the code block a
 * form shows it in nor forge a line or reorder text; each value and each whole text is capped, since a process
 * variable keeps at most 4,000 characters.
 */
public final class DnsChangeText {
    /** One record line or message line; an SPF record of two full TXT strings still fits. */
    static final int MAX_LINE = 600;
    /** A message shown on a form, e.g. why a change failed. */
    public static final int MAX_MESSAGE = 1_500;
    /** A list of changes shown on a form. */
    public static final int MAX_LIST = 3_500;

    private DnsChangeText() {}

    /** {@code message} escaped and capped for a form. */
    public static String message(String message) {
        return capped(escaped(message == null ? "" : message), MAX_MESSAGE);
    }

    /**
     * The changes, oldest first, one block each: {@code Change 12 APPLIED 2026-03-14 10:00 UTC  MX contoso.com  (by)},
     * the records before and after, why it failed; at most {@link #MAX_LIST} characters, then how many more.
     */
    public static String changes(List<DnsChange> changes) {
        if (changes.isEmpty()) {
            return "(no changes recorded)";
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < changes.size(); i++) {
            String block = block(changes.get(i));
            String more = "… and " + (changes.size() - i) + " more; mailferry dns rollback --list shows them all";
            if (text.length() + block.length() > MAX_LIST - more.length()) {
                text.append(more);
                return text.toString();
            }
            text.append(block);
        }
        return text.toString().stripTrailing();
    }

    /** One change as a few lines, each escaped and capped. */
    public static String block(DnsChange change) {
        StringBuilder text = new StringBuilder();
        text.append(line("Change " + change.id() + " " + change.state() + " "
                        + HumanText.instant(change.appliedAt() == null ? change.recordedAt() : change.appliedAt())
                        + "  " + change.type() + " " + change.name()
                        + (change.isRollback() ? "  rolls back change " + change.rollbackOf() : "")
                        + (change.origin().describe().isEmpty()
                                ? ""
                                : "  (" + change.origin().describe() + ")")))
                .append('\n');
        records(text, "before: ", change.previousRecords());
        records(text, change.state() == DnsChange.State.APPLIED ? "after:  " : "to set: ", change.newRecords());
        if (change.failure() != null) {
            text.append(line("    why:    " + change.failure())).append('\n');
        }
        return text.toString();
    }

    private static void records(StringBuilder text, String label, List<String> records) {
        if (records.isEmpty()) {
            text.append("    ").append(label).append("(none)\n");
        }
        for (String record : records) {
            // A zone-file line separates its fields by tabs; data tabs are escaped by dnsjava already.
            text.append(line("    " + label + record.replaceAll("\t+", " "))).append('\n');
        }
    }

    private static String line(String text) {
        return capped(escaped(text), MAX_LINE);
    }

    /** Control characters and backquotes as {@code \DDD}, invisible formatting characters as {@code <U+XXXX>}. */
    static String escaped(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (c == '`' || Character.isISOControl(c)) {
                out.append(String.format(Locale.ROOT, "\\%03d", c));
            } else if (type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                out.append(String.format(Locale.ROOT, "<U+%04X>", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** At most {@code max} characters, ending in "…" when cut; never inside a surrogate pair or an escape. */
    static String capped(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        int escape = Math.max(text.lastIndexOf('\\', end), text.lastIndexOf('<', end));
        if (escape >= 0 && end - escape < 10) {
            end = escape;
        }
        return text.substring(0, end) + "…";
    }
}
