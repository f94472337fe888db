package io.mailferry.dns.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

class InMemoryDnsServerTest {
    static final String ZONE = """
            $TTL 3600
            @        IN SOA ns1 hostmaster 100 3600 600 604800 300
            @        IN NS  ns1
            @        IN NS  ns2
            ns1      IN A   127.0.0.1
            ns2      IN A   127.0.0.1
            @        IN MX  10 mail
            mail     IN A   127.0.0.1
            autodiscover IN CNAME mail
            @        IN TXT "v=spf1 mx -all"
            a.b      IN A   127.0.0.9
            """;
    static final String SECRET = "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0xMjM0NTY=";

    InMemoryDnsServer server;

    @BeforeEach
    void start() {
        server = InMemoryDnsServer.builder("contoso.com")
                .zoneFile(ZONE)
                .tsigKey("mailferry-key", "hmac-sha256", SECRET)
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answersAuthoritativelyOverUdpAndTcp() throws Exception {
        for (boolean tcp : new boolean[] {false, true}) {
            SimpleResolver resolver = resolver();
            resolver.setTCP(tcp);
            Message response = resolver.send(query("contoso.com.", Type.MX));
            assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(response.getHeader().getFlag(Flags.AA)).isTrue();
            MXRecord mx = (MXRecord) response.getSection(Section.ANSWER).get(0);
            assertThat(mx.getTarget()).isEqualTo(Name.fromString("mail.contoso.com."));
            assertThat(mx.getTTL()).isEqualTo(3600);
            assertThat(response.getSection(Section.ADDITIONAL)).anyMatch(r -> r.getType() == Type.A);
        }
    }

    @Test
    void distinguishesNxdomainFromNodataAndGivesTheSoaForNegativeCaching() throws Exception {
        Message nx = resolver().send(query("nothing.contoso.com.", Type.A));
        assertThat(nx.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        SOARecord soa = (SOARecord) nx.getSection(Section.AUTHORITY).get(0);
        assertThat(soa.getTTL()).isEqualTo(300);

        Message nodata = resolver().send(query("mail.contoso.com.", Type.TXT));
        assertThat(nodata.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(nodata.getSection(Section.ANSWER)).isEmpty();
        assertThat(nodata.getSection(Section.AUTHORITY))
                .extracting(Record::getType)
                .containsExactly(Type.SOA);

        Message emptyNonTerminal = resolver().send(query("b.contoso.com.", Type.A));
        assertThat(emptyNonTerminal.getRcode()).isEqualTo(Rcode.NOERROR);
    }

    @Test
    void followsCnameInsideTheZoneAndRefusesOtherZones() throws Exception {
        Message response = resolver().send(query("autodiscover.contoso.com.", Type.A));
        assertThat(response.getSection(Section.ANSWER))
                .extracting(Record::getType)
                .containsExactly(Type.CNAME, Type.A);
        Message cname = resolver().send(query("autodiscover.contoso.com.", Type.CNAME));
        assertThat(((CNAMERecord) cname.getSection(Section.ANSWER).get(0))
                        .getTarget()
                        .toString())
                .isEqualTo("mail.contoso.com.");

        assertThat(resolver().send(query("example.org.", Type.A)).getRcode()).isEqualTo(Rcode.REFUSED);
    }

    @Test
    void updateWithValueDependentPrerequisiteIsACompareAndSet() throws Exception {
        long serial = server.soaSerial();
        Update cas = new Update(Name.fromString("contoso.com."));
        cas.present(
                new MXRecord(Name.fromString("contoso.com."), DClass.IN, 0, 10, Name.fromString("mail.contoso.com.")));
        cas.delete(Name.fromString("contoso.com."), Type.MX);
        cas.add(Name.fromString("contoso.com."), Type.MX, 3600, "0 contoso-com.mail.protection.outlook.com.");

        assertThat(signed().send(cas).getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(server.records("contoso.com", "MX"))
                .extracting(Record::rdataToString)
                .containsExactly("0 contoso-com.mail.protection.outlook.com.");
        assertThat(server.soaSerial()).isEqualTo(serial + 1);

        // The same update again: the MX RRset is no longer what the prerequisite says.
        assertThat(signed().send(cas).getRcode()).isEqualTo(Rcode.NXRRSET);
        assertThat(server.soaSerial()).isEqualTo(serial + 1);
    }

    @Test
    void valueIndependentAndNamePrerequisites() throws Exception {
        assertThat(update(u -> u.present(name("mail"), Type.A))).isEqualTo(Rcode.NOERROR);
        assertThat(update(u -> u.present(name("mail"), Type.TXT))).isEqualTo(Rcode.NXRRSET);
        assertThat(update(u -> u.absent(name("mail"), Type.A))).isEqualTo(Rcode.YXRRSET);
        assertThat(update(u -> u.present(name("ghost")))).isEqualTo(Rcode.NXDOMAIN);
        assertThat(update(u -> u.absent(name("mail")))).isEqualTo(Rcode.YXDOMAIN);
        assertThat(update(u -> u.absent(name("ghost")))).isEqualTo(Rcode.NOERROR);
        assertThat(update(u -> u.present(Name.fromString("example.org.")))).isEqualTo(Rcode.NOTZONE);
    }

    @Test
    void updateSectionAddsAndDeletesRecordsRRsetsAndNamesButKeepsTheApex() throws Exception {
        assertThat(update(u -> u.add(name("@"), Type.TXT, 600, "\"MS=ms12345678\"")))
                .isEqualTo(Rcode.NOERROR);
        assertThat(server.records("contoso.com", "TXT")).hasSize(2).allMatch(r -> r.getTTL() == 600);

        assertThat(update(u -> u.delete(name("@"), Type.TXT, "\"v=spf1 mx -all\"")))
                .isEqualTo(Rcode.NOERROR);
        assertThat(server.records("contoso.com", "TXT"))
                .extracting(Record::rdataToString)
                .containsExactly("\"MS=ms12345678\"");

        assertThat(update(u -> u.delete(name("mail"), Type.A))).isEqualTo(Rcode.NOERROR);
        assertThat(server.records("mail.contoso.com", "A")).isEmpty();

        assertThat(update(u -> u.delete(name("@")))).isEqualTo(Rcode.NOERROR);
        assertThat(server.records("contoso.com", "MX")).isEmpty();
        assertThat(server.records("contoso.com", "SOA")).hasSize(1);
        assertThat(server.records("contoso.com", "NS")).hasSize(2);
    }

    @Test
    void cnameAndOtherDataDoNotMix() throws Exception {
        assertThat(update(u -> u.add(name("autodiscover"), Type.A, 600, "10.0.0.1")))
                .isEqualTo(Rcode.NOERROR);
        assertThat(server.records("autodiscover.contoso.com", "A")).isEmpty();
        assertThat(update(u -> u.add(name("mail"), Type.CNAME, 600, "elsewhere.example.")))
                .isEqualTo(Rcode.NOERROR);
        assertThat(server.records("mail.contoso.com", "CNAME")).isEmpty();
    }

    @Test
    void updatesForAnotherZoneAreNotAuthoritative() throws Exception {
        Update update = new Update(Name.fromString("example.org."));
        update.add(Name.fromString("example.org."), Type.TXT, 600, "\"x\"");
        assertThat(signed().send(update).getRcode()).isEqualTo(Rcode.NOTAUTH);
    }

    @Test
    void tsigWrongSecretIsBadsigUnknownKeyIsBadkeyAndUnsignedIsRefused() throws Exception {
        SimpleResolver wrongSecret = resolver();
        wrongSecret.setTSIGKey(
                new TSIG(TSIG.HMAC_SHA256, "mailferry-key", "b3RoZXItc2VjcmV0LW90aGVyLXNlY3JldC0xMjM0NTY="));
        Message badsig = wrongSecret.send(txtUpdate());
        assertThat(badsig.getRcode()).isEqualTo(Rcode.NOTAUTH);
        assertThat(badsig.getTSIG().getError()).isEqualTo(Rcode.BADSIG);

        SimpleResolver unknownKey = resolver();
        unknownKey.setTSIGKey(new TSIG(TSIG.HMAC_SHA256, "someone-else", SECRET));
        Message badkey = unknownKey.send(txtUpdate());
        assertThat(badkey.getRcode()).isEqualTo(Rcode.NOTAUTH);
        assertThat(badkey.getTSIG().getError()).isEqualTo(Rcode.BADKEY);

        assertThat(resolver().send(txtUpdate()).getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(server.records("contoso.com", "TXT")).hasSize(1);
    }

    @Test
    void signedUpdateGetsASignedReplyThatVerifies() throws Exception {
        Message reply = signed().send(txtUpdate());
        assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(reply.isSigned()).isTrue();
        assertThat(reply.isVerified()).isTrue();
    }

    @Test
    void unsignedUpdatesFromLoopbackWhenAllowed() throws Exception {
        try (InMemoryDnsServer open = InMemoryDnsServer.builder("contoso.com")
                .zoneFile(ZONE)
                .allowUnsignedUpdatesFromLoopback(true)
                .build()
                .start()) {
            SimpleResolver resolver = new SimpleResolver(open.hostAndPort().split(":")[0]);
            resolver.setPort(open.port());
            assertThat(resolver.send(txtUpdate()).getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(open.records("contoso.com", "TXT")).hasSize(2);
        }
    }

    @Test
    void outOfBandEditsAreVisibleAndBumpTheSerial() throws Exception {
        long serial = server.soaSerial();
        server.add("@ 300 IN MX 20 backup.example.net.");
        assertThat(resolver().send(query("contoso.com.", Type.MX)).getSection(Section.ANSWER))
                .hasSize(2);
        server.deleteRRset("contoso.com", "MX");
        assertThat(resolver().send(query("contoso.com.", Type.MX)).getSection(Section.ANSWER))
                .isEmpty();
        assertThat(server.soaSerial()).isEqualTo(serial + 2);
    }

    @Test
    void largeAnswerIsTruncatedOverUdpAndCompleteOverTcp() throws Exception {
        for (int i = 0; i < 40; i++) {
            server.add("big IN TXT \"" + "x".repeat(60) + i + "\"");
        }
        SimpleResolver resolver = resolver();
        resolver.setIgnoreTruncation(true);
        assertThat(resolver.send(query("big.contoso.com.", Type.TXT))
                        .getHeader()
                        .getFlag(Flags.TC))
                .isTrue();
        assertThat(resolver().send(query("big.contoso.com.", Type.TXT)).getSection(Section.ANSWER))
                .hasSize(40);
    }

    private int update(ThrowingConsumer<Update> prepare) throws Exception {
        Update update = new Update(Name.fromString("contoso.com."));
        prepare.accept(update);
        return signed().send(update).getRcode();
    }

    private Update txtUpdate() throws Exception {
        Update update = new Update(Name.fromString("contoso.com."));
        update.add(Name.fromString("contoso.com."), Type.TXT, 600, "\"MS=ms1\"");
        return update;
    }

    private static Name name(String relative) throws Exception {
        return Name.fromString(relative, Name.fromString("contoso.com."));
    }

    private SimpleResolver resolver() throws Exception {
        SimpleResolver resolver = new SimpleResolver("127.0.0.1");
        resolver.setPort(server.port());
        resolver.setTimeout(Duration.ofSeconds(2));
        return resolver;
    }

    private SimpleResolver signed() throws Exception {
        SimpleResolver resolver = resolver();
        resolver.setTSIGKey(new TSIG(TSIG.HMAC_SHA256, "mailferry-key", SECRET));
        return resolver;
    }

    private static Message query(String name, int type) throws Exception {
        return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    }

    interface ThrowingConsumer<T> {
        void accept(T t) throws Exception;
    }
}
