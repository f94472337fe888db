package io.mailferry.mailrouting;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.mailferry.dns.MicrosoftRecords;
import io.mailferry.process.OwnedMigration;
import io.mailferry.tenant.Tenant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * The records of a migration of contoso.com, for delegate tests without an engine: the domain the migration owns,
 * whatever the execution's variables say, and the tenant's MX host for it.
 */
final class Routing {
    private Routing() {}

    static RoutingRecords contoso() {
        OwnedMigration owned = mock(OwnedMigration.class);
        when(owned.domain(any(DelegateExecution.class))).thenReturn("contoso.com");
        when(owned.domain(any(DelegateTask.class))).thenReturn("contoso.com");
        Tenant tenant = mock(Tenant.class);
        when(tenant.mxTarget(anyString())).thenAnswer(call -> MicrosoftRecords.mxHost(call.getArgument(0)));
        return new RoutingRecords(owned, tenant);
    }
}
