package io.mailferry.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Texts and lists cut to fit a process variable or a column. */
class FitTest {

    @Test
    void leavesTextThatFitsAloneAndCutsTheRestWithAnEllipsis() {
        assertThat(Fit.column(null, 10)).isNull();
        assertThat(Fit.column("0123456789", 10)).isEqualTo("0123456789");
        assertThat(Fit.column("0123456789A", 10)).isEqualTo("012345678…").hasSize(10);
        assertThat(Fit.variable("x".repeat(10_000))).hasSize(Fit.VARIABLE).endsWith("x…");
    }

    @Test
    void neverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDCE7"; // one character, two UTF-16 units
        String cut = Fit.column("abcdefgh" + emoji + "tail", 10);

        assertThat(cut).isEqualTo("abcdefgh…");
        assertThat(cut.chars().noneMatch(c -> Character.isSurrogate((char) c)))
                .as("no half of the pair is left")
                .isTrue();
    }

    @Test
    void refusesAWidthTooSmallForTheEllipsis() {
        assertThatThrownBy(() -> Fit.cut("abc", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aListShowsTheFirstItemsAndSaysHowManyMore() {
        List<String> users = IntStream.rangeClosed(1, 150)
                .mapToObj(i -> "user" + i + "@contoso.com")
                .toList();

        String shown = Shown.firstOf(users);

        assertThat(shown.lines())
                .hasSize(Shown.FIRST + 1)
                .startsWith("- user1&#64;contoso&#46;com")
                .endsWith("- … and 130 more");
        assertThat(Shown.firstOf(users.subList(0, 20)).lines())
                .hasSize(20)
                .last()
                .isEqualTo("- user20&#64;contoso&#46;com");
        assertThat(Shown.firstOf(List.of())).isEqualTo("(none)");
    }

    @Test
    void aListOfLongItemsStaysWithinItsCharactersAndStillCountsTheRest() {
        List<String> errors = IntStream.rangeClosed(1, 100)
                .mapToObj(i -> "user" + i + "@contoso.com: " + "the source refused the login. ".repeat(40))
                .toList();

        String shown = Shown.firstOf(errors);

        assertThat(shown.length()).isLessThanOrEqualTo(Shown.LIST);
        assertThat(shown.lines().filter(l -> l.startsWith("- "))).allMatch(l -> l.length() <= Shown.ITEM + 2);
        long listed = shown.lines().filter(l -> l.startsWith("- user")).count();
        assertThat(shown).endsWith("\n- … and " + (100 - listed) + " more");
        assertThat(listed).isBetween(5L, 19L);
    }
}
