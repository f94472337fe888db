package io.mailferry.tenantconnection;

import static io.mailferry.tenantconnection.TenantConnectionVariables.M365_CHECK_RESULTS;
import static io.mailferry.tenantconnection.TenantConnectionVariables.M365_CONNECTED;
import static io.mailferry.tenantconnection.TenantConnectionVariables.M365_TEST_MAILBOX;

import io.mailferry.process.Variables;
import io.mailferry.tenant.ConnectionCheck;
import io.mailferry.tenant.TenantConnection;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Tests the connection to Microsoft 365, each thing on its own, with what Mailferry is configured with; the test
 * mailbox is the only value taken from the process. A failed check is the administrator's to fix: it comes back on
 * the form, never as an incident, and the step goes on only when every check passed at this test.
 */
@Component("testTenantConnectionDelegate")
class TestTenantConnectionDelegate implements JavaDelegate {
    private final TenantConnection connection;

    TestTenantConnectionDelegate(TenantConnection connection) {
        this.connection = connection;
    }

    @Override
    public void execute(DelegateExecution execution) {
        List<ConnectionCheck> checks = connection.check(Variables.stringOr(execution, M365_TEST_MAILBOX, ""));
        execution.setVariable(M365_CONNECTED, CheckReport.allPassed(checks));
        execution.setVariable(M365_CHECK_RESULTS, CheckReport.markdown(checks));
    }
}
