package io.mailferry.mailrouting;

import io.mailferry.process.OwnedMigration;
import io.mailferry.tenant.Tenant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * What the switch writes and checks, worked out anew by each step from the migration's validated domain and the
 * tenant — never read from a variable: the records are signed with the organisation's key, and a check that read
 * the same variable as the change would report a redirected MX as routed.
 */
@Component
class RoutingRecords {
    private final OwnedMigration owned;
    private final Tenant tenant;

    RoutingRecords(OwnedMigration owned, Tenant tenant) {
        this.owned = owned;
        this.tenant = tenant;
    }

    /** The domain validated when the migration started. */
    String domain(DelegateExecution execution) {
        return owned.domain(execution);
    }

    String domain(DelegateTask task) {
        return owned.domain(task);
    }

    /** The host the domain's MX must point at once mail goes to Microsoft 365, as the tenant says. */
    String mxHost(String domain) {
        return tenant.mxTarget(domain);
    }
}
