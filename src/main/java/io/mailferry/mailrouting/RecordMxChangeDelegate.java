package io.mailferry.mailrouting;

import static io.mailferry.mailrouting.MailRoutingVariables.AUTODISCOVER_TTL_BEFORE_CHANGE;
import static io.mailferry.mailrouting.MailRoutingVariables.AUTODISCOVER_TTL_BEFORE_CHANGE_TEXT;
import static io.mailferry.mailrouting.MailRoutingVariables.EARLY_COMPLETION_REASON;
import static io.mailferry.mailrouting.MailRoutingVariables.MX_CHANGED_AT;
import static io.mailferry.mailrouting.MailRoutingVariables.MX_CHANGED_AT_TEXT;
import static io.mailferry.mailrouting.MailRoutingVariables.MX_TTL_BEFORE_CHANGE;
import static io.mailferry.mailrouting.MailRoutingVariables.MX_TTL_BEFORE_CHANGE_TEXT;
import static io.mailferry.mailrouting.MailRoutingVariables.MX_WAIT_UNTIL;
import static io.mailferry.mailrouting.MailRoutingVariables.MX_WAIT_UNTIL_TEXT;
import static io.mailferry.mailrouting.MailRoutingVariables.SPF_TTL_BEFORE_CHANGE;
import static io.mailferry.mailrouting.MailRoutingVariables.SPF_TTL_BEFORE_CHANGE_TEXT;
import static io.mailferry.mailrouting.MailRoutingVariables.TTLS_BEFORE_CHANGE_TEXT;

import io.mailferry.dns.CachedTtl;
import io.mailferry.dns.MxPropagationWait;
import io.mailferry.process.MigrationTimers;
import io.mailferry.process.Variables;
import io.mailferry.text.Inert;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Seed step 5: notes when the records changed and when the propagation wait may end ({@link MxPropagationWait}):
 * the TTLs kept by {@link PrepareDnsRecordsDelegate} count, the SPF record's only when it changed too.
 */
@Component("recordMxChangeDelegate")
class RecordMxChangeDelegate implements JavaDelegate {
    private final MigrationTimers timers;

    RecordMxChangeDelegate(MigrationTimers timers) {
        this.timers = timers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        List<CachedTtl> ttls = new ArrayList<>();
        ttls.add(remembered(execution, MX_TTL_BEFORE_CHANGE, MX_TTL_BEFORE_CHANGE_TEXT));
        ttls.add(remembered(execution, AUTODISCOVER_TTL_BEFORE_CHANGE, AUTODISCOVER_TTL_BEFORE_CHANGE_TEXT));
        if (NewRecordsCheck.spfChosen(execution)) {
            ttls.add(remembered(execution, SPF_TTL_BEFORE_CHANGE, SPF_TTL_BEFORE_CHANGE_TEXT));
        }
        MxPropagationWait wait =
                MxPropagationWait.of(ClockUtil.getCurrentTime().toInstant(), timers.getMxPropagationWait(), ttls);
        execution.setVariable(MX_CHANGED_AT, Variables.date(wait.changedAt()));
        execution.setVariable(MX_WAIT_UNTIL, Variables.date(wait.until()));
        execution.setVariable(MX_CHANGED_AT_TEXT, wait.changedAtText());
        execution.setVariable(MX_WAIT_UNTIL_TEXT, wait.untilText());
        execution.setVariable(TTLS_BEFORE_CHANGE_TEXT, Inert.code(wait.ttlsText()));
        execution.removeVariable(EARLY_COMPLETION_REASON);
    }

    /** A TTL the process kept; one that was not read counts as 0 s. */
    private static CachedTtl remembered(DelegateExecution execution, String seconds, String detail) {
        Object value = execution.getVariable(seconds);
        Object text = execution.getVariable(detail);
        return CachedTtl.remembered(
                value instanceof Number n ? n.longValue() : 0, text == null ? null : text.toString());
    }
}
