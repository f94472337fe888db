package io.mailferry.dns;

import static io.mailferry.dns.DnsTestSupport.properties;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailferry.dns.server.InMemoryDnsServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the MX switch starts from, read from contoso.com on the in-JVM server (SOA negative-caching TTL 300 s): the
 * MX TTL to lower first, and the records to set with the TTLs the propagation wait counts.
 */
class MxSwitchPlannerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private InMemoryDnsServer server;
    private MxSwitchPlanner planner;

    @BeforeEach
    void start() {
        server = DnsTestSupport.contoso();
        planner = planner(server.hostAndPort());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private MxSwitchPlanner planner(String updateServer) {
        DnsProperties properties = properties(server.port(), TIMEOUT, updateServer, server.hostAndPort());
        return new MxSwitchPlanner(
                new DnsLookupService(properties),
                new DnsChangeService(properties, TsigKeySource.NONE, DnsChangeLog.NONE));
    }

    @Test
    void anMxTtlAboveAnHourIsToBeLoweredToAnHourKeepingTheHosts() {
        server.deleteRRset("contoso.com", "MX");
        server.add("@ 86400 IN MX 20 backup.contoso.com.");
        server.add("@ 86400 IN MX 10 mail.contoso.com.");

        MxInspection inspection = planner.inspect("contoso.com");

        assertThat(inspection)
                .isEqualTo(new MxInspection(
                        86400,
                        "1 day",
                        true,
                        "mail.contoso.com",
                        "contoso.com. 86400 IN MX 10 mail.contoso.com.\ncontoso.com. 86400 IN MX 20 backup.contoso.com.",
                        "contoso.com. 3600 IN MX 10 mail.contoso.com.\ncontoso.com. 3600 IN MX 20 backup.contoso.com.",
                        true));
    }

    @Test
    void anHourIsNotAboveTheRecommendationAndAShorterTtlStaysAsItIs() {
        assertThat(planner.inspect("contoso.com"))
                .extracting(MxInspection::ttl, MxInspection::ttlText, MxInspection::aboveRecommended)
                .containsExactly(3600L, "1 hour", false);

        server.deleteRRset("contoso.com", "MX");
        server.add("@ 900 IN MX 10 mail.contoso.com.");
        MxInspection shortTtl = planner.inspect("contoso.com");
        assertThat(shortTtl.ttlText()).isEqualTo("15 minutes");
        assertThat(shortTtl.recordsAtRecommendedTtl()).isEqualTo("contoso.com. 900 IN MX 10 mail.contoso.com.");
    }

    @Test
    void withoutAnMxRecordTheDomainIsTheCurrentHostAndItsNegativeCachingTtlCounts() {
        server.deleteRRset("contoso.com", "MX");

        MxInspection inspection = planner.inspect("contoso.com");

        assertThat(inspection)
                .isEqualTo(new MxInspection(
                        300, "5 minutes", false, "contoso.com", "contoso.com: no MX record", "", true));
    }

    @Test
    void withoutAnUpdateServerTheOperatorLowersTheTtl() {
        assertThat(planner(null).inspect("contoso.com").automaticChangeAvailable())
                .isFalse();
    }

    @Test
    void thePlanHasMicrosoftsRecordsWhatDnsAnswersNowAndTheOldTtls() {
        server.add("@ 3600 IN MX 20 backup.contoso.com.");

        MxSwitchPlan plan = planner.plan("contoso.com");

        assertThat(plan.mxRecord()).isEqualTo("contoso.com. 3600 IN MX 0 contoso-com.mail.protection.outlook.com.");
        assertThat(plan.mxTargetHost()).isEqualTo("contoso-com.mail.protection.outlook.com");
        assertThat(plan.autodiscoverRecord())
                .isEqualTo("autodiscover.contoso.com. 3600 IN CNAME autodiscover.outlook.com.");
        assertThat(plan.currentDnsState())
                .isEqualTo("MX 10 mail.contoso.com. (TTL 3600 s)\n"
                        + "MX 20 backup.contoso.com. (TTL 3600 s)\nautodiscover.contoso.com. CNAME mail.contoso.com.");
        assertThat(plan.mxTtl()).isEqualTo(new CachedTtl("contoso.com", 3600, true, "contoso.com MX: TTL 3600 s"));
        assertThat(plan.autodiscoverTtl())
                .isEqualTo(new CachedTtl(
                        "autodiscover.contoso.com", 3600, true, "autodiscover.contoso.com CNAME: TTL 3600 s"));
    }

    @Test
    void anAutodiscoverNameThatDidNotExistGivesTheNegativeCachingTtl() {
        server.deleteRRset("autodiscover.contoso.com", "CNAME");
        server.deleteRRset("contoso.com", "MX");

        MxSwitchPlan plan = planner.plan("contoso.com");

        assertThat(plan.autodiscoverTtl())
                .isEqualTo(new CachedTtl(
                        "autodiscover.contoso.com",
                        300,
                        false,
                        "autodiscover.contoso.com did not exist (NXDOMAIN); negative answers are cached for 300 s (SOA of "
                                + "contoso.com)"));
        assertThat(plan.currentDnsState()).isEqualTo("contoso.com: no MX\nautodiscover.contoso.com: no CNAME");
    }

    @Test
    void theSpfIncludeIsOfferedWithTheExactRecordBeforeAndAfterAtTheTxtTtl() {
        server.deleteRRset("contoso.com", "TXT");
        server.add("@ 7200 IN TXT \"v=spf1 mx -all\"");
        server.add("@ 7200 IN TXT \"MS=ms12345678\"");

        MxSwitchPlan plan = planner.plan("contoso.com");

        assertThat(plan.spfIncludeOffered()).isTrue();
        assertThat(plan.spfTtl().seconds()).isEqualTo(7200);
        assertThat(plan.spfRecordBefore()).isEqualTo("contoso.com. 7200 IN TXT \"v=spf1 mx -all\"");
        assertThat(plan.spfRecordAfter())
                .isEqualTo("contoso.com. 7200 IN TXT \"v=spf1 mx include:spf.protection.outlook.com -all\"");
        assertThat(plan.spfStatus())
                .isEqualTo("\"v=spf1 mx -all\" becomes \"v=spf1 mx include:spf.protection."
                        + "outlook.com -all\": every other mechanism stays, the include goes before the final one.");
    }

    @Test
    void withoutAnSpfRecordNothingIsOfferedAndTheOperatorIsToldWhy() {
        server.deleteRRset("contoso.com", "TXT");

        MxSwitchPlan plan = planner.plan("contoso.com");

        assertThat(plan.spfIncludeOffered()).isFalse();
        assertThat(plan.spfRecordBefore()).isNull();
        assertThat(plan.spfRecordAfter()).isNull();
        assertThat(plan.spfStatus()).startsWith("contoso.com has no SPF record. Mailferry does not create one");
        assertThat(plan.spfTtl())
                .extracting(CachedTtl::seconds, CachedTtl::existed)
                .containsExactly(300L, false);
    }

    @Test
    void anSpfRecordThatIncludesMicrosoftAlreadyIsShownButNotOffered() {
        server.deleteRRset("contoso.com", "TXT");
        server.add("@ 3600 IN TXT \"v=spf1 include:spf.protection.outlook.com -all\"");

        MxSwitchPlan plan = planner.plan("contoso.com");

        assertThat(plan.spfIncludeOffered()).isFalse();
        assertThat(plan.spfRecordBefore())
                .isEqualTo("contoso.com. 3600 IN TXT \"v=spf1 include:spf.protection.outlook.com -all\"");
        assertThat(plan.spfRecordAfter()).isNull();
    }
}
