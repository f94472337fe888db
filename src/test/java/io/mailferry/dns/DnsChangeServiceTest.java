package io.mailferry.dns;

import static io.mailferry.dns.DnsTestSupport.MICROSOFT_MX;
import static io.mailferry.dns.DnsTestSupport.properties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailferry.dns.server.InMemoryDnsServer;
import io.mailferry.secrets.Purpose;
import io.mailferry.secrets.SecretStore;
import java.net.DatagramSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Record;

class DnsChangeServiceTest {
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    static final String SECRET = "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0xMjM0NTY=";
    static final String OTHER_SECRET = "b3RoZXItc2VjcmV0LW90aGVyLXNlY3JldC0xMjM0NTY=";

    static final SecretStore SECRETS = DnsTestSupport.secretStore();

    InMemoryDnsServer server;
    DnsChangeService changes;
    DnsLookupService lookups;

    @BeforeEach
    void start() {
        server = DnsTestSupport.contoso();
        DnsProperties properties = properties(server.port(), TIMEOUT, server.hostAndPort(), server.hostAndPort());
        changes = new DnsChangeService(properties, SECRETS);
        lookups = new DnsLookupService(properties);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void automaticChangesNeedAnUpdateServer() {
        assertThat(changes.automaticChangesAvailable()).isTrue();
        DnsChangeService manual = new DnsChangeService(properties(53, TIMEOUT, null), SECRETS);
        assertThat(manual.automaticChangesAvailable()).isFalse();
        assertThatThrownBy(() -> manual.publishTxt("contoso.com", "MS=ms1", 3600))
                .isInstanceOf(DnsChangeException.class)
                .hasMessageContaining("No DNS update server is configured (mailferry.dns.update.server)");
    }

    @Test
    void publishedTxtIsFoundAndTheSpfRecordStays() {
        assertThat(lookups.checkTxt("contoso.com", "MS=ms12345678").found()).isFalse();

        changes.publishTxt("contoso.com", "MS=ms12345678", 3600);

        assertThat(lookups.checkTxt("contoso.com", "MS=ms12345678").found()).isTrue();
        assertThat(lookups.txt("contoso.com")).containsExactlyInAnyOrder("v=spf1 mx -all", "MS=ms12345678");
    }

    @Test
    void publishedTxtTakesTheTtlOfTheTxtRecordsThereSoTheSpfRecordKeepsItsTtl() {
        server.deleteRRset("contoso.com", "TXT");
        server.add("@ 300 IN TXT \"v=spf1 mx -all\"");

        changes.publishTxt("contoso.com", "MS=ms12345678", 3600);

        assertThat(server.records("contoso.com", "TXT"))
                .hasSize(2)
                .extracting(Record::getTTL)
                .containsOnly(300L);
        changes.publishTxt("www.contoso.com", "first", 3600);
        assertThat(server.records("www.contoso.com", "TXT"))
                .singleElement()
                .extracting(Record::getTTL)
                .isEqualTo(3600L);
    }

    @Test
    void longTxtValuesAreSplitAndReadBackWhole() {
        String value = "k=" + "x".repeat(400);
        changes.publishTxt("contoso.com", value, 600);
        assertThat(lookups.checkTxt("contoso.com", value).found()).isTrue();
    }

    @Test
    void replaceMxSwapsTheWholeRRset() {
        server.add("@ 3600 IN MX 20 backup.contoso.com.");
        long serial = server.soaSerial();

        changes.replaceMx("contoso.com", MICROSOFT_MX, 0, 3600);

        assertThat(lookups.mx("contoso.com")).containsExactly(new MxRecord(0, MICROSOFT_MX, 3600));
        assertThat(server.soaSerial()).isEqualTo(serial + 1);
        assertThat(lookups.checkMx("contoso.com", MICROSOFT_MX).allMatch()).isTrue();
    }

    @Test
    void replaceMxRefusesWhenSomeoneElseChangedTheMxMeanwhile() {
        List<MxRecord> read = changes.currentMx("contoso.com");
        server.add("@ 3600 IN MX 20 backup.example.net."); // the customer's admin, at the same moment

        assertThatThrownBy(() -> changes.replaceMx("contoso.com", read, MICROSOFT_MX, 0, 3600))
                .isInstanceOf(DnsChangeException.class)
                .hasMessage(server.hostAndPort() + " did not apply the update of zone contoso.com (replace MX of "
                        + "contoso.com by 0 " + MICROSOFT_MX + "): NXRRSET, the MX records changed after Mailferry "
                        + "read them. Expected MX 10 mail.contoso.com, the server now has MX 10 mail.contoso.com, "
                        + "20 backup.example.net. Nothing was changed; find out who else edits the zone, then retry.");
        assertThat(server.records("contoso.com", "MX")).hasSize(2);
    }

    @Test
    void replaceMxExpectingNoneRefusesWhenMxAppeared() {
        assertThatThrownBy(() -> changes.replaceMx("contoso.com", List.of(), MICROSOFT_MX, 0, 3600))
                .hasMessageContaining("YXRRSET")
                .hasMessageContaining("Expected no MX records, the server now has MX 10 mail.contoso.com");
    }

    @Test
    void setCnameReplacesTheAutodiscoverTarget() {
        changes.setCname("autodiscover.contoso.com", "autodiscover.outlook.com", 3600);

        assertThat(lookups.cname("autodiscover.contoso.com")).contains("autodiscover.outlook.com");
        assertThat(lookups.checkCname("autodiscover.contoso.com", "autodiscover.outlook.com")
                        .allMatch())
                .isTrue();
    }

    @Test
    void setCnameWhereOtherRecordsExistSaysSo() {
        assertThatThrownBy(() -> changes.setCname("mail.contoso.com", "autodiscover.outlook.com", 3600))
                .isInstanceOf(DnsChangeException.class)
                .hasMessageContaining("mail.contoso.com has other records, and a CNAME cannot coexist with them");
    }

    @Test
    void signedUpdateWithTheRightKeySucceeds() {
        try (InMemoryDnsServer signed = signedServer()) {
            DnsChangeService service = tsigService(signed, "mailferry-key", SECRET);

            service.publishTxt("contoso.com", "MS=ms12345678", 3600);

            assertThat(signed.records("contoso.com", "TXT"))
                    .extracting(Record::rdataToString)
                    .contains("\"MS=ms12345678\"");
        }
    }

    @Test
    void wrongSecretIsRefusedWithBadsigAndNoKeyMaterialInTheMessage() {
        try (InMemoryDnsServer signed = signedServer()) {
            DnsChangeService service = tsigService(signed, "mailferry-key", OTHER_SECRET);

            assertThatThrownBy(() -> service.publishTxt("contoso.com", "MS=ms12345678", 3600))
                    .isInstanceOf(DnsChangeException.class)
                    .hasMessageStartingWith(signed.hostAndPort() + " did not apply the update of zone contoso.com "
                            + "(add TXT \"MS=ms12345678\" at contoso.com): NOTAUTH, TSIG BADSIG.")
                    .hasMessageContaining("key 'mailferry-key'")
                    .hasMessageNotContaining(OTHER_SECRET)
                    .hasMessageNotContaining(SECRET);
            assertThat(signed.records("contoso.com", "TXT")).hasSize(1);
        }
    }

    @Test
    void aSecretStoredForAMailServerNeverSignsAnUpdate() {
        try (InMemoryDnsServer signed = signedServer()) {
            // the TSIG secret's value, stored as a mail server's password: configuring its reference signs nothing
            String mailPassword = SECRETS.store(
                    Purpose.imapLogin("mail.contoso.com", 993), "Exchange admin", SECRET.toCharArray(), "olga");
            DnsChangeService service = new DnsChangeService(
                    new DnsProperties(
                            List.of(),
                            signed.port(),
                            TIMEOUT,
                            new DnsProperties.DynamicUpdate(
                                    signed.hostAndPort(), "mailferry-key", "hmac-sha256", mailPassword)),
                    SECRETS);

            assertThatThrownBy(() -> service.publishTxt("contoso.com", "MS=ms12345678", 3600))
                    .isInstanceOf(DnsChangeException.class)
                    .hasMessageContaining("TSIG key 'mailferry-key'")
                    .hasMessageContaining("is for IMAP sign-in to mail.contoso.com:993")
                    .hasMessageNotContaining(mailPassword)
                    .hasMessageNotContaining(SECRET);
            assertThat(signed.records("contoso.com", "TXT")).hasSize(1);
        }
    }

    @Test
    void unknownKeyIsRefusedWithBadkey() {
        try (InMemoryDnsServer signed = signedServer()) {
            DnsChangeService service = tsigService(signed, "someone-else", SECRET);

            assertThatThrownBy(() -> service.replaceMx("contoso.com", MICROSOFT_MX, 0, 3600))
                    .hasMessageContaining("NOTAUTH, TSIG BADKEY")
                    .hasMessageContaining("does not know key 'someone-else'");
        }
    }

    @Test
    void skewedServerClockIsRefusedWithBadtimeAndTheMessageSaysHowFarApartTheClocksAre() {
        Clock tenMinutesAhead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10));
        try (InMemoryDnsServer skewed = InMemoryDnsServer.builder("contoso.com")
                .bindAddress(DnsTestSupport.loopback(1))
                .zoneFile(DnsTestSupport.ZONE.formatted("127.0.0.1"))
                .tsigKey("mailferry-key", "hmac-sha256", SECRET)
                .clock(tenMinutesAhead)
                .build()
                .start()) {
            DnsChangeService service = tsigService(skewed, "mailferry-key", SECRET);

            assertThatThrownBy(() -> service.publishTxt("contoso.com", "MS=ms12345678", 3600))
                    .isInstanceOf(DnsChangeException.class)
                    .hasMessageStartingWith(skewed.hostAndPort() + " did not apply the update of zone contoso.com "
                            + "(add TXT \"MS=ms12345678\" at contoso.com): NOTAUTH, TSIG BADTIME. The clock of "
                            + skewed.hostAndPort() + " says ")
                    .hasMessageContaining(" when it signed the update: about 10 minutes ahead, more than the 5 "
                            + "minutes TSIG allows, so the server refuses the signature. Set the wrong clock right "
                            + "(NTP), then retry.")
                    .hasMessageNotContaining(SECRET);
            assertThat(skewed.records("contoso.com", "TXT")).hasSize(1);
        }
    }

    @Test
    void secondaryServerAnswersNotauthAndTheMessageNamesThePrimaryAsTheCure() {
        try (InMemoryDnsServer secondary = InMemoryDnsServer.builder("contoso.com")
                .bindAddress(DnsTestSupport.loopback(1))
                .zoneFile(DnsTestSupport.ZONE.formatted("127.0.0.1"))
                .allowUnsignedUpdatesFromLoopback(true)
                .secondary(true)
                .build()
                .start()) {
            DnsChangeService service =
                    new DnsChangeService(properties(secondary.port(), TIMEOUT, secondary.hostAndPort()), SECRETS);

            assertThatThrownBy(() -> service.replaceMx("contoso.com", MICROSOFT_MX, 0, 3600))
                    .isInstanceOf(DnsChangeException.class)
                    .hasMessage(secondary.hostAndPort() + " did not apply the update of zone contoso.com (replace MX "
                            + "of contoso.com by 0 " + MICROSOFT_MX + "): NOTAUTH. The server is not authoritative "
                            + "(primary) for contoso.com: point mailferry.dns.update.server at the zone's primary "
                            + "server.");
            assertThat(secondary.records("contoso.com", "MX"))
                    .extracting(Record::rdataToString)
                    .containsExactly("10 mail.contoso.com.");
        }
    }

    @Test
    void updateServerOfAnotherZoneIsNamedAsNotAuthoritative() {
        assertThatThrownBy(() -> changes.publishTxt("fabrikam.com", "MS=ms1", 3600))
                .isInstanceOf(DnsChangeException.class)
                .hasMessageStartingWith("Cannot find the zone of fabrikam.com on the update server: Cannot look up SOA "
                        + "fabrikam.com: " + server.hostAndPort() + " answered REFUSED")
                .hasMessageEndingWith("The server does not seem to be authoritative for it: point "
                        + "mailferry.dns.update.server at the zone's primary server.");
    }

    @Test
    void unsignedUpdateToAServerThatWantsSignaturesIsRefused() {
        try (InMemoryDnsServer signed = signedServer()) {
            DnsChangeService service =
                    new DnsChangeService(properties(signed.port(), TIMEOUT, signed.hostAndPort()), SECRETS);

            assertThatThrownBy(() -> service.setCname("autodiscover.contoso.com", "autodiscover.outlook.com", 3600))
                    .hasMessageContaining(": REFUSED. The server does not accept unsigned updates from this host");
        }
    }

    @Test
    void secretThatIsNotBase64IsAConfigurationErrorThatDoesNotQuoteIt() {
        try (InMemoryDnsServer signed = signedServer()) {
            DnsChangeService service = tsigService(signed, "mailferry-key", "not base64 !!");

            assertThatThrownBy(() -> service.publishTxt("contoso.com", "MS=ms1", 3600))
                    .hasMessageContaining("is not base64")
                    .hasMessageNotContaining("not base64 !!");
        }
    }

    @Test
    void silentUpdateServerIsATimeoutWhoseOutcomeIsUnknown() {
        try (DatagramSocket silent = DnsTestSupport.silentServer()) {
            DnsChangeService service = new DnsChangeService(
                    properties(53, Duration.ofMillis(500), DnsTestSupport.hostAndPort(silent)), SECRETS);

            assertThatThrownBy(() -> service.publishTxt("contoso.com", "MS=ms1", 3600))
                    .isInstanceOf(DnsChangeException.class)
                    .hasMessageContaining(DnsTestSupport.hostAndPort(silent) + " timed out after 500ms");
        }
    }

    private static InMemoryDnsServer signedServer() {
        return InMemoryDnsServer.builder("contoso.com")
                .bindAddress(DnsTestSupport.loopback(1))
                .zoneFile(DnsTestSupport.ZONE.formatted("127.0.0.1"))
                .tsigKey("mailferry-key", "hmac-sha256", SECRET)
                .build()
                .start();
    }

    private static DnsChangeService tsigService(InMemoryDnsServer server, String keyName, String secret) {
        String ref = SECRETS.store(Purpose.tsigKey(keyName), "TSIG " + keyName, secret.toCharArray(), "operator");
        return new DnsChangeService(
                new DnsProperties(
                        List.of(),
                        server.port(),
                        TIMEOUT,
                        new DnsProperties.DynamicUpdate(server.hostAndPort(), keyName, "hmac-sha256", ref)),
                SECRETS);
    }
}
