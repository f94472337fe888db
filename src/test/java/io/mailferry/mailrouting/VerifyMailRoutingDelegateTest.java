package io.mailferry.mailrouting;

import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.mailferry.demo.DemoDnsConfiguration;
import io.mailferry.dns.DnsLookupService;
import io.mailferry.dns.DnsProperties;
import io.mailferry.dns.server.InMemoryDnsServer;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Routing is verified only when every server has the Microsoft 365 MX and the Autodiscover CNAME. */
class VerifyMailRoutingDelegateTest {
    private static final String MX = "contoso-com.mail.protection.outlook.com";
    private InMemoryDnsServer zone;
    private VerifyMailRoutingDelegate delegate;
    private DelegateExecution execution;

    @BeforeEach
    void setUp() {
        zone = DemoDnsConfiguration.server(0).start();
        delegate = new VerifyMailRoutingDelegate(
                new DnsLookupService(new DnsProperties(
                        List.of(zone.hostAndPort()),
                        zone.port(),
                        Duration.ofSeconds(2),
                        new DnsProperties.DynamicUpdate(null, null, null, null))),
                Routing.contoso());
        execution = mock(DelegateExecution.class);
        when(execution.getVariable("domain")).thenReturn("contoso.com");
        when(execution.getVariable("mxTargetHost")).thenReturn(MX);
        zone.deleteRRset("contoso.com.", "MX");
        zone.add("@ 3600 IN MX 0 " + MX + ".");
    }

    @AfterEach
    void stop() {
        zone.close();
    }

    @Test
    void isNotVerifiedWhileAutodiscoverStillPointsAtTheOldServer() {
        delegate.execute(execution);

        verify(execution).setVariable("routingVerified", false);
        verify(execution).setVariable(eq("routingStatus"), argThat((String s) -> s.contains("mail.contoso.com")));
    }

    @Test
    void isVerifiedOnceMxAndAutodiscoverBothPointAtMicrosoft365() {
        zone.deleteRRset("autodiscover.contoso.com.", "CNAME");
        zone.add("autodiscover 3600 IN CNAME autodiscover.outlook.com.");

        delegate.execute(execution);

        verify(execution).setVariable("routingVerified", true);
    }
}
