package io.mailferry.mailrouting;

import static io.mailferry.mailrouting.MailRoutingVariables.CHANGE_SPF;
import static io.mailferry.mailrouting.MailRoutingVariables.SPF_INCLUDE_OFFERED;

import io.mailferry.dns.DnsLookupService;
import io.mailferry.dns.MicrosoftRecords;
import io.mailferry.dns.PropagationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The records the MX step changes, as DNS serves them now: the Microsoft 365 MX, the Autodiscover CNAME, and the SPF
 * include when the operator chose it ({@code changeSpf}); domain and MX host from {@link RoutingRecords}.
 */
final class NewRecordsCheck {
    private NewRecordsCheck() {}

    static List<PropagationReport> reports(
            DnsLookupService dns,
            String domain,
            RoutingRecords records,
            VariableScope scope,
            DnsLookupService.Servers servers) {
        List<PropagationReport> reports = new ArrayList<>();
        reports.add(dns.checkMx(domain, records.mxHost(domain), servers));
        reports.add(dns.checkCname("autodiscover." + domain, MicrosoftRecords.AUTODISCOVER_TARGET, servers));
        if (spfChosen(scope)) {
            reports.add(dns.checkSpfInclude(domain, MicrosoftRecords.SPF_INCLUDE_DOMAIN, servers));
        }
        return reports;
    }

    /**
     * Whether the SPF include is part of the change: ticked, and offered (a form does not submit a hidden checkbox,
     * but a REST client may).
     */
    static boolean spfChosen(VariableScope scope) {
        return Boolean.TRUE.equals(scope.getVariable(CHANGE_SPF))
                && Boolean.TRUE.equals(scope.getVariable(SPF_INCLUDE_OFFERED));
    }

    static boolean allMatch(List<PropagationReport> reports) {
        return reports.stream().allMatch(PropagationReport::allMatch);
    }

    /** One line per server and record, as the forms show it. */
    static String summary(List<PropagationReport> reports) {
        return reports.stream().map(PropagationReport::summary).collect(Collectors.joining("\n"));
    }
}
