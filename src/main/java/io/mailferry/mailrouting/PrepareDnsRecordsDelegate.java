package io.mailferry.mailrouting;

import static io.mailferry.mailrouting.MailRoutingVariables.AUTODISCOVER_RECORD;
import static io.mailferry.mailrouting.MailRoutingVariables.AUTODISCOVER_TTL_BEFORE_CHANGE;
import static io.mailferry.mailrouting.MailRoutingVariables.AUTODISCOVER_TTL_BEFORE_CHANGE_TEXT;
import static io.mailferry.mailrouting.MailRoutingVariables.CHANGE_SPF;
import static io.mailferry.mailrouting.MailRoutingVariables.CURRENT_DNS_STATE;
import static io.mailferry.mailrouting.MailRoutingVariables.MX_RECORD;
import static io.mailferry.mailrouting.MailRoutingVariables.MX_TARGET_HOST;
import static io.mailferry.mailrouting.MailRoutingVariables.MX_TTL_BEFORE_CHANGE;
import static io.mailferry.mailrouting.MailRoutingVariables.MX_TTL_BEFORE_CHANGE_TEXT;
import static io.mailferry.mailrouting.MailRoutingVariables.SPF_INCLUDE_OFFERED;
import static io.mailferry.mailrouting.MailRoutingVariables.SPF_RECORD_AFTER;
import static io.mailferry.mailrouting.MailRoutingVariables.SPF_RECORD_BEFORE;
import static io.mailferry.mailrouting.MailRoutingVariables.SPF_STATUS;
import static io.mailferry.mailrouting.MailRoutingVariables.SPF_TTL_BEFORE_CHANGE;
import static io.mailferry.mailrouting.MailRoutingVariables.SPF_TTL_BEFORE_CHANGE_TEXT;

import io.mailferry.dns.CachedTtl;
import io.mailferry.dns.MxSwitchPlan;
import io.mailferry.dns.MxSwitchPlanner;
import io.mailferry.process.Variables;
import io.mailferry.text.Fit;
import io.mailferry.text.Inert;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Seed step 5: the exact records to set, what DNS answers now and the TTLs before the change
 * ({@link MxSwitchPlanner#plan}), for the operator's form and the propagation wait ({@link RecordMxChangeDelegate}).
 * {@code mxTargetHost} is kept for the history only: the steps that change and check the MX work it out again.
 */
@Component("prepareDnsRecordsDelegate")
class PrepareDnsRecordsDelegate implements JavaDelegate {
    private final MxSwitchPlanner planner;
    private final RoutingRecords records;

    PrepareDnsRecordsDelegate(MxSwitchPlanner planner, RoutingRecords records) {
        this.planner = planner;
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String domain = records.domain(execution);
        MxSwitchPlan plan = planner.plan(domain, records.mxHost(domain));
        execution.setVariable(MX_RECORD, plan.mxRecord());
        execution.setVariable(MX_TARGET_HOST, plan.mxTargetHost());
        execution.setVariable(AUTODISCOVER_RECORD, plan.autodiscoverRecord());
        execution.setVariable(CURRENT_DNS_STATE, Inert.code(plan.currentDnsState()));
        remember(execution, MX_TTL_BEFORE_CHANGE, MX_TTL_BEFORE_CHANGE_TEXT, plan.mxTtl());
        remember(
                execution, AUTODISCOVER_TTL_BEFORE_CHANGE, AUTODISCOVER_TTL_BEFORE_CHANGE_TEXT, plan.autodiscoverTtl());
        remember(execution, SPF_TTL_BEFORE_CHANGE, SPF_TTL_BEFORE_CHANGE_TEXT, plan.spfTtl());
        execution.setVariable(SPF_INCLUDE_OFFERED, plan.spfIncludeOffered());
        execution.setVariable(SPF_STATUS, Inert.markdown(plan.spfStatus()));
        execution.setVariable(SPF_RECORD_BEFORE, Inert.code(plan.spfRecordBefore()));
        execution.setVariable(SPF_RECORD_AFTER, Inert.code(plan.spfRecordAfter()));
        if (plan.spfIncludeOffered()) {
            Variables.setDefault(execution, CHANGE_SPF, false);
        } else {
            execution.setVariable(CHANGE_SPF, false);
        }
    }

    private static void remember(DelegateExecution execution, String seconds, String detail, CachedTtl ttl) {
        execution.setVariable(seconds, ttl.seconds());
        execution.setVariable(detail, Fit.variable(ttl.detail()));
    }
}
