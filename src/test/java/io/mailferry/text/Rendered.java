package io.mailferry.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an operator reads of a text made {@link Inert}: its numeric references shown as the characters they stand
 * for.
 */
public final class Rendered {
    private static final Pattern REFERENCE = Pattern.compile("&#(\\d+);");
    /** What {@link Inert#markdown} leaves as it is besides letters, digits and spaces. */
    private static final String PLAIN = ",;?%\"'/$";

    private Rendered() {}

    /** {@code inert} with its references decoded; null stays null. */
    public static String text(String inert) {
        if (inert == null) {
            return null;
        }
        Matcher m = REFERENCE.matcher(inert);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(Character.toString(Integer.parseInt(m.group(1)))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Fails unless {@code inert} holds no ASCII character with a meaning in Markdown or HTML outside a reference. */
    public static void assertInert(String inert) {
        String rest = REFERENCE.matcher(inert).replaceAll("");
        assertThat(rest.chars()
                        .filter(c -> c < 0x80 && !Character.isLetterOrDigit(c) && c != ' ' && PLAIN.indexOf(c) < 0))
                .as("a markup character outside a reference in %s", inert)
                .isEmpty();
    }
}
