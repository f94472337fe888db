package io.mailferry.process;

import static io.mailferry.process.MigrationVariables.DELTA_SYNC_TEXT;
import static io.mailferry.process.MigrationVariables.DOMAIN;

import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * When either migration starts: the domain in the form every step compares with (lower case, trimmed) and the delta
 * sync interval as the forms say it. Each step fills its own form defaults when it is called.
 */
@Component("migrationStartListener")
class MigrationStartListener implements ExecutionListener {
    private final MigrationTimers timers;

    MigrationStartListener(MigrationTimers timers) {
        this.timers = timers;
    }

    @Override
    public void notify(DelegateExecution execution) {
        execution.setVariable(DOMAIN, Variables.string(execution, DOMAIN).toLowerCase(Locale.ROOT));
        execution.setVariable(DELTA_SYNC_TEXT, Variables.human(timers.getDeltaSyncInterval()));
    }
}
