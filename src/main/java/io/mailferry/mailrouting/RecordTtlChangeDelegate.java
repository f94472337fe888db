package io.mailferry.mailrouting;

import static io.mailferry.mailrouting.MailRoutingVariables.MX_TTL;
import static io.mailferry.mailrouting.MailRoutingVariables.TTL_CHANGED_AT;
import static io.mailferry.mailrouting.MailRoutingVariables.TTL_CHANGED_AT_TEXT;
import static io.mailferry.mailrouting.MailRoutingVariables.TTL_EARLY_COMPLETION_REASON;
import static io.mailferry.mailrouting.MailRoutingVariables.TTL_WAIT_UNTIL;
import static io.mailferry.mailrouting.MailRoutingVariables.TTL_WAIT_UNTIL_TEXT;

import io.mailferry.process.Variables;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The TTL wait ends when the longest TTL seen before the change has run out: a server that looked the MX up just
 * before keeps the old answer that long.
 */
@Component("recordTtlChangeDelegate")
class RecordTtlChangeDelegate implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
        Instant changed = ClockUtil.getCurrentTime().toInstant();
        Instant until = changed.plus(Duration.ofSeconds(Variables.number(execution, MX_TTL)));
        execution.setVariable(TTL_CHANGED_AT, Variables.date(changed));
        execution.setVariable(TTL_WAIT_UNTIL, Variables.date(until));
        execution.setVariable(TTL_CHANGED_AT_TEXT, Variables.human(changed));
        execution.setVariable(TTL_WAIT_UNTIL_TEXT, Variables.human(until));
        execution.removeVariable(TTL_EARLY_COMPLETION_REASON);
    }
}
