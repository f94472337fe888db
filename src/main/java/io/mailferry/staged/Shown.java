package io.mailferry.staged;

import java.util.List;
import java.util.Locale;

/** Long lists for a form: the first few items, then how many more, so a variable stays small. */
final class Shown {
    static final int FIRST = 20;

    private Shown() {}

    /** 4,500 in every locale: the forms are in English. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** "- a\n- b\n… and 12 more", or "(none)". */
    static String firstOf(List<String> items) {
        if (items.isEmpty()) {
            return "(none)";
        }
        StringBuilder text = new StringBuilder();
        items.stream()
                .limit(FIRST)
                .forEach(item -> text.append("- ").append(item).append('\n'));
        if (items.size() > FIRST) {
            text.append("… and ").append(count(items.size() - FIRST)).append(" more\n");
        }
        return text.toString().stripTrailing();
    }
}
