package io.mailferry.process;

import static io.mailferry.process.MigrationVariables.DELTA_SYNC_TEXT;
import static io.mailferry.process.MigrationVariables.DOMAIN;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * When either migration starts: the domain is validated once and kept by Mailferry ({@link OwnedMigration}), so that
 * every step acts on this domain whatever the {@code domain} variable says later; the variable keeps the same form
 * (lower case, trimmed) for the forms. Also the delta sync interval as the forms say it. Each step fills its own form
 * defaults when it is called.
 */
@Component("migrationStartListener")
class MigrationStartListener implements ExecutionListener {
    private final MigrationTimers timers;
    private final OwnedMigration owned;

    MigrationStartListener(MigrationTimers timers, OwnedMigration owned) {
        this.timers = timers;
        this.owned = owned;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String domain = owned.authority()
                .open(OwnedMigration.migrationId(execution), Variables.stringOr(execution, DOMAIN, null));
        execution.setVariable(DOMAIN, domain);
        execution.setVariable(DELTA_SYNC_TEXT, Variables.human(timers.getDeltaSyncInterval()));
    }
}
