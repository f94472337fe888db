package io.mailferry.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Adding Microsoft's include to an SPF record keeps every other term and never makes a second record. */
class SpfRecordTest {
    private static final String MICROSOFT = "spf.protection.outlook.com";

    private static SpfRecord plan(String... txt) {
        return SpfRecord.plan("contoso.com", List.of(txt), MICROSOFT);
    }

    @Test
    void theIncludeGoesBeforeTheFinalAllAndEveryOtherMechanismStays() {
        SpfRecord spf = plan("MS=ms12345678", "v=spf1 mx ip4:192.0.2.0/24 include:_spf.example.net ~all");

        assertThat(spf.state()).isEqualTo(SpfRecord.State.ADD_INCLUDE);
        assertThat(spf.current()).isEqualTo("v=spf1 mx ip4:192.0.2.0/24 include:_spf.example.net ~all");
        assertThat(spf.proposed())
                .isEqualTo(
                        "v=spf1 mx ip4:192.0.2.0/24 include:_spf.example.net include:spf.protection.outlook.com ~all");
        assertThat(spf.detail()).startsWith("\"v=spf1 mx ip4:192.0.2.0/24 include:_spf.example.net ~all\" becomes ");
    }

    @Test
    void withoutAnAllTheIncludeGoesBeforeTheModifiersOrAtTheEnd() {
        assertThat(plan("v=spf1 a redirect=_spf.contoso.com").proposed())
                .isEqualTo("v=spf1 a include:spf.protection.outlook.com redirect=_spf.contoso.com");
        assertThat(plan("v=spf1   mx").proposed()).isEqualTo("v=spf1 mx include:spf.protection.outlook.com");
        assertThat(plan("V=SPF1 -ALL").proposed()).isEqualTo("V=SPF1 include:spf.protection.outlook.com -ALL");
    }

    @Test
    void anExistingIncludeIsRecognisedWhateverItsCaseQualifierOrTrailingDot() {
        assertThat(plan("v=spf1 mx include:SPF.Protection.Outlook.com -all").state())
                .isEqualTo(SpfRecord.State.ALREADY_INCLUDED);
        assertThat(plan("v=spf1 +include:spf.protection.outlook.com. -all").state())
                .isEqualTo(SpfRecord.State.ALREADY_INCLUDED);
        assertThat(plan("v=spf1 -include:spf.protection.outlook.com -all").state())
                .as("a '-' qualifier forbids rather than authorises")
                .isEqualTo(SpfRecord.State.ADD_INCLUDE);
        assertThat(plan("v=spf1 include:spf.protection.outlook.com.evil.example -all")
                        .state())
                .isEqualTo(SpfRecord.State.ADD_INCLUDE);
    }

    @Test
    void noSpfRecordIsLeftToTheOperatorWithTheRecordMicrosoftSuggests() {
        SpfRecord spf = plan("MS=ms12345678", "v=spf10 not spf");

        assertThat(spf.state()).isEqualTo(SpfRecord.State.NO_SPF);
        assertThat(spf.proposed()).isNull();
        assertThat(spf.detail())
                .isEqualTo("contoso.com has no SPF record. Mailferry does not create one, because it "
                        + "has to name every server that sends mail as @contoso.com. If Microsoft 365 is the only one, publish "
                        + "\"v=spf1 include:spf.protection.outlook.com -all\" yourself.");
    }

    @Test
    void twoSpfRecordsAreAnErrorMailferryDoesNotTouch() {
        SpfRecord spf = plan("v=spf1 mx -all", "v=spf1 a -all");

        assertThat(spf.state()).isEqualTo(SpfRecord.State.SEVERAL_SPF);
        assertThat(spf.detail())
                .isEqualTo("contoso.com has 2 SPF records (\"v=spf1 mx -all\", \"v=spf1 a -all\"); "
                        + "receivers treat that as an error (RFC 7208 §4.5: permerror). Merge them into one, with "
                        + "include:spf.protection.outlook.com, yourself; Mailferry leaves them alone.");
    }
}
