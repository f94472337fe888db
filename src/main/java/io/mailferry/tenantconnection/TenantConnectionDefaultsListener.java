package io.mailferry.tenantconnection;

import static io.mailferry.tenantconnection.TenantConnectionVariables.M365_CLIENT_ID;
import static io.mailferry.tenantconnection.TenantConnectionVariables.M365_CREDENTIAL;
import static io.mailferry.tenantconnection.TenantConnectionVariables.M365_IN_MEMORY;
import static io.mailferry.tenantconnection.TenantConnectionVariables.M365_LICENCE_SKU;
import static io.mailferry.tenantconnection.TenantConnectionVariables.M365_TENANT;
import static io.mailferry.tenantconnection.TenantConnectionVariables.M365_TEST_MAILBOX;

import io.mailferry.process.Variables;
import io.mailferry.tenant.ConnectionSettings;
import io.mailferry.tenant.TenantConnection;
import io.mailferry.text.Inert;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Fills the connection form with what Mailferry is configured with, for the operator to read (the checks never read
 * these variables back), and offers a test mailbox where the tenant knows one (the demo's first user).
 */
@Component("tenantConnectionDefaultsListener")
class TenantConnectionDefaultsListener implements ExecutionListener {
    private static final int SHOWN = 500;

    private final TenantConnection connection;

    TenantConnectionDefaultsListener(TenantConnection connection) {
        this.connection = connection;
    }

    @Override
    public void notify(DelegateExecution execution) {
        ConnectionSettings settings = connection.settings();
        execution.setVariable(M365_TENANT, Inert.markdown(settings.tenant(), SHOWN));
        execution.setVariable(M365_CLIENT_ID, Inert.markdown(settings.clientId(), SHOWN));
        execution.setVariable(M365_CREDENTIAL, Inert.markdown(settings.credential(), SHOWN));
        execution.setVariable(M365_LICENCE_SKU, Inert.markdown(settings.licenceSku(), SHOWN));
        execution.setVariable(M365_IN_MEMORY, settings.inMemory());
        connection.suggestedTestMailbox().ifPresent(m -> Variables.setDefault(execution, M365_TEST_MAILBOX, m));
    }
}
