package io.mailferry.mailrouting;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailferry.demo.DemoDnsConfiguration;
import io.mailferry.dns.DnsChangeLog;
import io.mailferry.dns.DnsChangeService;
import io.mailferry.dns.DnsLookupService;
import io.mailferry.dns.DnsProperties;
import io.mailferry.dns.MxSwitchPlanner;
import io.mailferry.dns.TsigKeySource;
import io.mailferry.dns.server.InMemoryDnsServer;
import io.mailferry.text.Rendered;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MX step's delegates against the demo zone on a real DNS server (free port): what they read before a change and
 * the checks after a change made by hand. The changes made through the update server: {@link DnsChangeStepsTest}.
 */
class DnsSwitchDelegatesTest {
    private static final String MX = "contoso-com.mail.protection.outlook.com";
    private InMemoryDnsServer zone;
    private DnsLookupService dns;
    private DnsChangeService changes;
    private final Map<String, Object> start = new HashMap<>(Map.of("domain", "contoso.com"));

    @BeforeEach
    void setUp() {
        zone = DemoDnsConfiguration.server(0, 60).start();
        DnsProperties properties = new DnsProperties(
                List.of(zone.hostAndPort()),
                zone.port(),
                Duration.ofSeconds(2),
                new DnsProperties.DynamicUpdate(zone.hostAndPort(), null, null, null));
        dns = new DnsLookupService(properties);
        changes = new DnsChangeService(properties, TsigKeySource.NONE, DnsChangeLog.NONE);
    }

    @AfterEach
    void stop() {
        zone.close();
    }

    private DelegateExecution prepared() {
        DelegateExecution execution = MapExecution.of(start);
        new PrepareDnsRecordsDelegate(new MxSwitchPlanner(dns, changes), Routing.contoso()).execute(execution);
        return execution;
    }

    @Test
    void prepareReadsTheOldTtlsAndOffersTheExactSpfRecord() {
        DelegateExecution x = prepared();

        assertThat(x.getVariable("mxTtlBeforeChange")).isEqualTo(60L);
        assertThat(x.getVariable("autodiscoverTtlBeforeChange")).isEqualTo(60L);
        assertThat(x.getVariable("autodiscoverTtlBeforeChangeText"))
                .isEqualTo("autodiscover.contoso.com CNAME: TTL 60 s");
        assertThat(x.getVariable("spfIncludeOffered")).isEqualTo(true);
        assertThat(x.getVariable("spfRecordBefore")).isEqualTo("contoso.com. 60 IN TXT \"v=spf1 mx -all\"");
        assertThat(x.getVariable("spfRecordAfter"))
                .isEqualTo("contoso.com. 60 IN TXT \"v=spf1 mx include:spf.protection.outlook.com -all\"");
        assertThat(x.getVariable("changeSpf")).isEqualTo(false);
    }

    @Test
    void anAutodiscoverNameThatDidNotExistCountsWithTheNegativeCachingTtl() {
        zone.deleteRRset("autodiscover.contoso.com", "CNAME"); // SOA TTL 3600, MINIMUM 300

        DelegateExecution x = prepared();

        assertThat(x.getVariable("autodiscoverTtlBeforeChange")).isEqualTo(300L);
        assertThat(x.getVariable("autodiscoverTtlBeforeChangeText"))
                .isEqualTo("autodiscover.contoso.com did not exist "
                        + "(NXDOMAIN); negative answers are cached for 300 s (SOA of contoso.com)");
    }

    @Test
    void withoutAnSpfRecordNothingIsOfferedAndTheOperatorIsTold() {
        zone.deleteRRset("contoso.com", "TXT");
        start.put("changeSpf", true); // ticked in an earlier round

        DelegateExecution x = prepared();

        assertThat(x.getVariable("spfIncludeOffered")).isEqualTo(false);
        assertThat(x.getVariable("changeSpf")).isEqualTo(false);
        assertThat(x.getVariable("spfRecordAfter")).isNull();
        assertThat(Rendered.text((String) x.getVariable("spfStatus")))
                .startsWith("contoso.com has no SPF record. Mailferry does not create one");
    }

    @Test
    void recordsChangedByHandCountOnceEveryAuthoritativeServerServesThem() {
        DelegateExecution x = prepared();
        x.setVariable("changeSpf", true);
        CheckDnsChangesDelegate check = new CheckDnsChangesDelegate(dns, Routing.contoso());

        check.execute(x);
        assertThat(x.getVariable("dnsChangesVisible")).isEqualTo(false);
        assertThat((String) x.getVariable("dnsChangeCheck"))
                .contains("DIFFERS: ns1.contoso.com: MX 10 mail.contoso.com")
                .contains("DIFFERS: ns1.contoso.com: CNAME mail.contoso.com")
                .contains("DIFFERS: ns1.contoso.com: SPF \"v=spf1 mx -all\"")
                .doesNotContain("resolver");

        zone.deleteRRset("contoso.com", "MX");
        zone.add("@ 3600 IN MX 0 " + MX + ".");
        zone.deleteRRset("autodiscover.contoso.com", "CNAME");
        zone.add("autodiscover 3600 IN CNAME autodiscover.outlook.com.");
        check.execute(x);
        assertThat(x.getVariable("dnsChangesVisible"))
                .as("the SPF include was chosen and is missing")
                .isEqualTo(false);

        zone.deleteRRset("contoso.com", "TXT");
        zone.add("@ 60 IN TXT \"v=spf1 mx include:spf.protection.outlook.com -all\"");
        check.execute(x);
        assertThat(x.getVariable("dnsChangesVisible")).isEqualTo(true);
        assertThat(x.getVariable("dnsChangeCheck")).isNull();
    }

    @Test
    void aTtlLoweredByHandCountsOnceEveryAuthoritativeServerServesIt() {
        zone.deleteRRset("contoso.com", "MX");
        zone.add("@ 86400 IN MX 10 mail.contoso.com.");
        DelegateExecution x = MapExecution.of(start);
        new InspectCurrentMxDelegate(new MxSwitchPlanner(dns, changes), Routing.contoso()).execute(x);
        assertThat(x.getVariable("mxTtl")).isEqualTo(86400L);
        assertThat(x.getVariable("mxTtlAboveHour")).isEqualTo(true);
        CheckMxTtlDelegate check = new CheckMxTtlDelegate(dns, Routing.contoso());

        check.execute(x);
        assertThat(x.getVariable("mxTtlLowered")).isEqualTo(false);
        assertThat((String) x.getVariable("mxTtlCheck"))
                .contains("DIFFERS: ns1.contoso.com: MX 10 mail.contoso.com (TTL 86400)");

        zone.add("@ 3600 IN MX 10 mail.contoso.com.");
        check.execute(x);
        assertThat(x.getVariable("mxTtlLowered")).isEqualTo(true);
        assertThat(x.getVariable("mxTtlCheck")).isNull();
    }
}
