package io.mailferry.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What forms and the command line show of changes: values from DNS escaped, every value and the whole list capped. */
class DnsChangeTextTest {
    private static DnsChange change(long id, String previous, String failure) {
        return new DnsChange(
                id,
                "contoso.com",
                "contoso.com",
                "TXT",
                List.of(previous),
                List.of("contoso.com.\t\t60\tIN\tTXT\t\"v=spf1 -all\""),
                "127.0.0.1:53",
                failure == null ? DnsChange.State.APPLIED : DnsChange.State.FAILED,
                Instant.parse("2026-03-14T10:00:00Z"),
                failure == null ? Instant.parse("2026-03-14T10:00:01Z") : null,
                failure,
                new DnsChangeOrigin("contoso.com", "pi-1", "Task_AddSpfInclude"),
                0);
    }

    @Test
    void controlCharactersBackquotesAndInvisibleFormattingAreEscaped() {
        assertThat(DnsChangeText.message("a`b\nc\u0000d\u202Ee\u2028f\uDB40\uDC01g"))
                .isEqualTo("a\\096b\\010c\\000d<U+202E>e<U+2028>f<U+E0001>g");
    }

    @Test
    void aChangeIsOneHeaderLineAndItsRecordsWithoutTheZoneFilesTabs() {
        assertThat(DnsChangeText.block(change(12, "contoso.com.\t60\tIN\tTXT\t\"v=spf1 mx -all\"", null)))
                .isEqualTo("Change 12 APPLIED 2026-03-14 10:00 UTC  TXT contoso.com  (migration contoso.com, "
                        + "Task_AddSpfInclude)\n"
                        + "    before: contoso.com. 60 IN TXT \"v=spf1 mx -all\"\n"
                        + "    after:  contoso.com. 60 IN TXT \"v=spf1 -all\"\n");
        assertThat(DnsChangeText.block(change(13, "x", "refused")))
                .contains("Change 13 FAILED 2026-03-14 10:00 UTC")
                .contains("    to set: contoso.com. 60 IN TXT")
                .endsWith("    why:    refused\n");
    }

    @Test
    void longValuesAndLongListsAreCutWithAMark() {
        String longRecord = "contoso.com. 60 IN TXT \"" + "x".repeat(2_000) + "\"";
        String block = DnsChangeText.block(change(1, longRecord, null));
        assertThat(block.lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(DnsChangeText.MAX_LINE));
        assertThat(block.lines().toList().get(1)).endsWith("x…");

        String list = DnsChangeText.changes(Collections.nCopies(40, change(1, longRecord, null)));
        assertThat(list)
                .hasSizeLessThanOrEqualTo(DnsChangeText.MAX_LIST)
                .endsWith(" more; mailferry dns rollback --list shows them all");
        assertThat(DnsChangeText.message("y".repeat(5_000)))
                .hasSize(DnsChangeText.MAX_MESSAGE)
                .endsWith("y…");
    }

    @Test
    void aCutNeverSplitsAnEscape() {
        String cut = DnsChangeText.message("a".repeat(DnsChangeText.MAX_MESSAGE - 3) + "```");
        assertThat(cut).endsWith("a…").doesNotContain("\\0");
    }
}
