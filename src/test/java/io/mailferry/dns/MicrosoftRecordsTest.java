package io.mailferry.dns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MicrosoftRecordsTest {

    @Test
    void zoneFileLinesAreWhatTheAdminCenterAsksFor() {
        assertThat(MicrosoftRecords.mx("contoso.com").zoneFileLine())
                .isEqualTo("contoso.com. 3600 IN MX 0 contoso-com.mail.protection.outlook.com.");
        assertThat(MicrosoftRecords.autodiscover("contoso.com").zoneFileLine())
                .isEqualTo("autodiscover.contoso.com. 3600 IN CNAME autodiscover.outlook.com.");
        assertThat(MicrosoftRecords.verificationTxt("contoso.com", "MS=ms12345678")
                        .zoneFileLine())
                .isEqualTo("contoso.com. 3600 IN TXT \"MS=ms12345678\"");
    }

    @Test
    void formValueIsWhatAProvidersWebFormWants() {
        assertThat(MicrosoftRecords.verificationTxt("contoso.com", "MS=ms12345678")
                        .formValue())
                .isEqualTo("MS=ms12345678");
        assertThat(MicrosoftRecords.autodiscover("contoso.com").formValue()).isEqualTo("autodiscover.outlook.com");
    }

    @Test
    void mxHostReplacesDotsAndIgnoresCaseAndTrailingDot() {
        assertThat(MicrosoftRecords.mxHost("Sub.Contoso.co.uk."))
                .isEqualTo("sub-contoso-co-uk.mail.protection.outlook.com");
    }
}
