package io.mailferry.text;

import java.util.List;
import java.util.Locale;

/**
 * Lists for an operator's form or notice: the first few items, then how many more. Capped by count and by
 * characters, so a list of 150 users or 100 errors stays a small part of the variable that carries it. The items come
 * from outside (addresses from an uploaded list, server errors), so each is made {@link Inert}: the list is Markdown,
 * its items are not.
 */
public final class Shown {
    /** Items shown at most. */
    public static final int FIRST = 20;
    /**
     * Characters of one item shown, escaping included: an address has at most 320 (a few of them punctuation), an
     * error text may be far longer.
     */
    public static final int ITEM = 300;
    /** Characters of a whole list, "… and N more" included: half of what a variable may hold. */
    public static final int LIST = 2_000;

    private static final int MORE_LINE = 40;

    private Shown() {}

    /** 4,500 in every locale: the forms are in English. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * "- a\n- b\n- … and 12 more", or "(none)"; at most {@link #FIRST} items and {@link #LIST} characters. The count is
     * an item of its own: forms render the text as Markdown, where a line after a list item would join that item.
     */
    public static String firstOf(List<String> items) {
        return firstOf(items, LIST);
    }

    /** As {@link #firstOf(List)}, in at most {@code maxChars} characters (at least 400). */
    public static String firstOf(List<String> items, int maxChars) {
        if (maxChars < 400) {
            throw new IllegalArgumentException("A list needs at least 400 characters, not " + maxChars);
        }
        if (items.isEmpty()) {
            return "(none)";
        }
        StringBuilder text = new StringBuilder();
        int shown = 0;
        for (String item : items) {
            String line = "- " + Inert.markdown(String.valueOf(item), ITEM) + "\n";
            boolean last = shown == items.size() - 1;
            if (shown == FIRST || text.length() + line.length() + (last ? 0 : MORE_LINE) > maxChars) {
                break;
            }
            text.append(line);
            shown++;
        }
        if (shown < items.size()) {
            text.append("- … and ").append(count(items.size() - shown)).append(" more\n");
        }
        return text.toString().stripTrailing();
    }
}
