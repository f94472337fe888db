package io.mailferry.mailrouting;

import static io.mailferry.mailrouting.MailRoutingVariables.CURRENT_MX_HOST;
import static io.mailferry.mailrouting.MailRoutingVariables.CURRENT_MX_STATE;
import static io.mailferry.mailrouting.MailRoutingVariables.MX_RECORDS_AT_HOUR_TTL;
import static io.mailferry.mailrouting.MailRoutingVariables.MX_TTL;
import static io.mailferry.mailrouting.MailRoutingVariables.MX_TTL_ABOVE_HOUR;
import static io.mailferry.mailrouting.MailRoutingVariables.MX_TTL_TEXT;
import static io.mailferry.mailrouting.MailRoutingVariables.TTL_REDUCTION;

import io.mailferry.dns.MxInspection;
import io.mailferry.dns.MxSwitchPlanner;
import io.mailferry.text.Inert;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Seed "Reduce email delays": the MX records as they are before the switch and their TTL from the zone's servers
 * ({@link MxSwitchPlanner#inspect}). Above an hour the operator is offered to lower the TTL first.
 */
@Component("inspectCurrentMxDelegate")
class InspectCurrentMxDelegate implements JavaDelegate {
    private final MxSwitchPlanner planner;
    private final RoutingRecords records;

    InspectCurrentMxDelegate(MxSwitchPlanner planner, RoutingRecords records) {
        this.planner = planner;
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        MxInspection mx = planner.inspect(records.domain(execution));
        execution.setVariable(MX_TTL, mx.ttl());
        execution.setVariable(MX_TTL_TEXT, mx.ttlText());
        execution.setVariable(MX_TTL_ABOVE_HOUR, mx.aboveRecommended());
        execution.setVariable(CURRENT_MX_HOST, mx.currentHost());
        execution.setVariable(CURRENT_MX_STATE, Inert.code(mx.currentRecords()));
        execution.setVariable(MX_RECORDS_AT_HOUR_TTL, Inert.code(mx.recordsAtRecommendedTtl()));
        execution.setVariable(TTL_REDUCTION, mx.automaticChangeAvailable() ? "automatic" : "byOperator");
    }
}
