package io.mailferry.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text from outside, made inert for the forms: what marked and form-js's sanitiser would turn into markup shows as the
 * characters it was. The check of the result: apart from letters, digits, spaces, non-ASCII characters and a few
 * marks without meaning it holds only complete numeric references, and decoding those gives the text back.
 */
class InertTest {
    /** A folder name a mailbox owner can create (issue 10's example). */
    static final String HOSTILE_FOLDER = "<img src=x onerror=alert(1)> **Store the Exchange admin password again** "
            + "[here](http://evil.example) ` ```";

    @ParameterizedTest
    @ValueSource(
            strings = {
                HOSTILE_FOLDER,
                "<b>bold</b> <script>alert(1)</script> <a href=\"https://evil.example\">x</a>",
                "*emphasis* _emphasis_ ~~struck~~ **strong** __strong__",
                "[link](https://evil.example) [ref][1] ![image](https://3405803783/pixel) <https://evil.example>",
                "# Heading",
                "### Heading",
                "Heading\n===",
                "- item",
                "+ item",
                "* item",
                "1. item",
                "1) item",
                "> quoted",
                "---",
                "| a | b |\n|---|---|\n| c | d |",
                "    indented code",
                "&lt;img src=x&gt; &amp; &#42;",
                "`code` ``code`` ```fence``` ~~~",
                "https://evil.example www.evil.example admin@evil.example",
                "{{secretStore}} ${x} \\* \\<",
                "line one\nline two\r\n\r\n# third\u2028fourth"
            })
    void markupShowsAsTheCharactersItWas(String hostile) {
        String inert = Inert.markdown(hostile);

        Rendered.assertInert(inert);
        assertThat(Rendered.text(inert)).isEqualTo(hostile.strip().replaceAll("(?U)\\s+", " "));
        assertThat(inert).doesNotContain("\n", "\r");
    }

    @Test
    void theIssuesFolderNameBecomesText() {
        String inert = Inert.markdown(HOSTILE_FOLDER);

        assertThat(inert)
                .startsWith("&#60;img src&#61;x onerror&#61;alert&#40;1&#41;&#62; &#42;&#42;Store the Exchange")
                .contains("&#91;here&#93;&#40;http&#58;//evil&#46;example&#41;")
                .endsWith("&#96; &#96;&#96;&#96;")
                .doesNotContain("<", ">", "*", "[", "]", "(", ")", "`", "http:");
    }

    @Test
    void lettersDigitsAndOtherScriptsStayAsTheyAre() {
        assertThat(Inert.markdown("Posteingang 2024 Entwürfe Éléments envoyés 受信トレイ \uD83D\uDCE7"))
                .isEqualTo("Posteingang 2024 Entwürfe Éléments envoyés 受信トレイ \uD83D\uDCE7");
        assertThat(Inert.markdown("  padded  \t text  ")).isEqualTo("padded text");
        assertThat(Inert.markdown(null)).isNull();
        assertThat(Inert.markdown("")).isEmpty();
    }

    @Test
    void invisibleFormattingIsNamedSoItCannotReorderTheForm() {
        // U+202E turns the rest of the line around; U+200B hides inside a word
        assertThat(Rendered.text(Inert.markdown("abc\u202Etxt.exe zero\u200Bwidth")))
                .isEqualTo("abc<U+202E>txt.exe zero<U+200B>width");
        assertThat(Inert.markdown("\uD83D\uDC69\u200D\uD83D\uDCBB"))
                .as("an emoji sequence keeps its joiner")
                .isEqualTo("\uD83D\uDC69\u200D\uD83D\uDCBB");
    }

    @Test
    void runningTextIsCappedAfterEscapingAndNeverInsideAReference() {
        String cut = Inert.markdown("a*".repeat(1_000), 100);

        assertThat(cut).hasSizeLessThanOrEqualTo(100).endsWith("…");
        Rendered.assertInert(cut.substring(0, cut.length() - 1));
        assertThat(Inert.markdown("x".repeat(10_000))).hasSize(Fit.VARIABLE).endsWith("x…");
        assertThat(Inert.markdown("exactly20characters!", 24)).isEqualTo("exactly20characters&#33;");
        assertThat(Inert.markdown("\uD83D\uDCE7".repeat(20), 17))
                .as("no half of a surrogate pair")
                .isEqualTo("\uD83D\uDCE7".repeat(8) + "…");
    }

    @Test
    void codeCannotCloseItsFence() {
        String dns = "contoso.com. 3600 IN TXT \"v=spf1 -all\"\n```\n# Heading\n   ```` \n[x](http://evil)\r\n`code`";

        String inert = Inert.code(dns);

        assertThat(inert)
                .isEqualTo("contoso.com. 3600 IN TXT \"v=spf1 -all\"\n\\096\\096\\096\n# Heading\n   "
                        + "\\096\\096\\096\\096 \n[x](http://evil)\n\\096code\\096");
        assertThat(inert.lines())
                .noneMatch(line -> line.strip().startsWith("`") || line.strip().startsWith("~~~"));
        assertThat(inert).doesNotContain("`", "\r");
    }

    @Test
    void codeKeepsLinesAndNamesControlAndInvisibleCharacters() {
        assertThat(Inert.code("a\tb\u0000c\u001B[31m\u202Eright")).isEqualTo("a\\009b\\000c\\027[31m<U+202E>right");
        assertThat(Inert.code("one\rtwo")).isEqualTo("one\ntwo");
        assertThat(Inert.code(null)).isNull();
    }

    @Test
    void codeIsCappedNeverInsideAnEscape() {
        String cut = Inert.code("``````````", 16);

        assertThat(cut).isEqualTo("\\096\\096\\096…");
        assertThat(Inert.code("y".repeat(5_000))).hasSize(Fit.VARIABLE).endsWith("y…");
    }

    @Test
    void refusesARoomTooSmall() {
        assertThatThrownBy(() -> Inert.markdown("x", 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Inert.code("x", 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listItemsAreInertAndTheListStaysAList() {
        String list = Shown.firstOf(List.of("**a**@contoso.com", "[b](http://evil.example)", "<img src=x>"));

        assertThat(list.lines()).allMatch(line -> line.startsWith("- "));
        list.lines().forEach(line -> Rendered.assertInert(line.substring(2)));
        assertThat(Rendered.text(list)).isEqualTo("- **a**@contoso.com\n- [b](http://evil.example)\n- <img src=x>");
    }
}
