package io.mailferry.sourceendpoint;

import static io.mailferry.process.MigrationVariables.SOURCE_ENDPOINT_ID;
import static io.mailferry.process.MigrationVariables.TEST_MAILBOX;
import static io.mailferry.sourceendpoint.SourceEndpointVariables.ENDPOINT_TEST_PASSED;
import static io.mailferry.sourceendpoint.SourceEndpointVariables.ENDPOINT_TEST_RESULT;
import static io.mailferry.sourceendpoint.SourceEndpointVariables.SOURCE_LOGIN_MODE;

import io.mailferry.authority.MigrationAuthority;
import io.mailferry.authority.NotThisMigrationException;
import io.mailferry.mailbox.ConfiguredEndpoints;
import io.mailferry.mailbox.ImapServer;
import io.mailferry.mailbox.LoginMode;
import io.mailferry.process.OwnedMigration;
import io.mailferry.process.Variables;
import io.mailferry.secrets.UnknownSecretException;
import io.mailferry.text.Fit;
import io.mailferry.text.Inert;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Creates (or, after a failed test, corrects) the migration endpoint and tests it by signing in and opening the test
 * mailbox. Only the password's reference passes through here. A wrong entry is the operator's to correct: it comes
 * back on the form, not as an incident.
 * <p>
 * What confers authority is the migration's own, never a variable: the server is the one the preparation step tested
 * and recorded, and the endpoint corrected is the one this migration created — a {@code sourceEndpointId} set by a
 * task completion or a REST client is not read, so it cannot re-point another endpoint or the Microsoft 365 target.
 */
@Component("createMigrationEndpointDelegate")
class CreateMigrationEndpointDelegate implements JavaDelegate {
    private final SourceEndpointSetup setup;
    private final SourceCredentialCheck credentials;
    private final MigrationAuthority authority;
    private final ConfiguredEndpoints configured;

    CreateMigrationEndpointDelegate(
            SourceEndpointSetup setup,
            SourceCredentialCheck credentials,
            OwnedMigration owned,
            ConfiguredEndpoints configured) {
        this.setup = setup;
        this.credentials = credentials;
        this.authority = owned.authority();
        this.configured = configured;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String migration = OwnedMigration.migrationId(execution);
        ImapServer server = authority
                .sourceServer(migration)
                .orElseThrow(() -> new NotThisMigrationException("Migration " + migration + " has no tested source"
                        + " server: the endpoint is created only after the preparation step tested the server"));
        try {
            SourceLogin login = SourceLogin.chosen(execution, configured);
            credentials.check(login.credentialRef(), server);
            // the migration's business key and this step's instance keep the name unique and traceable
            // (host and key cut so that the instance id, which makes it unique, stays within the name's 200)
            String name = "On-premises " + Fit.cut(server.host(), 60) + " ("
                    + Fit.cut(String.valueOf(execution.getBusinessKey()), 60) + ", "
                    + execution.getProcessInstanceId() + ")";
            TestedEndpoint endpoint = setup.saveAndTest(
                    authority.sourceEndpoint(migration).orElse(null),
                    name,
                    server,
                    login.adminUser(),
                    login.credentialRef(),
                    loginMode(execution),
                    Variables.string(execution, TEST_MAILBOX));
            authority.recordSourceEndpoint(migration, endpoint.id());
            execution.setVariable(SOURCE_ENDPOINT_ID, endpoint.id());
            execution.setVariable(ENDPOINT_TEST_PASSED, endpoint.test().passed());
            execution.setVariable(
                    ENDPOINT_TEST_RESULT, Inert.markdown(endpoint.test().message()));
        } catch (IllegalArgumentException | UnknownSecretException operatorInput) {
            execution.setVariable(ENDPOINT_TEST_PASSED, false);
            execution.setVariable(ENDPOINT_TEST_RESULT, Inert.markdown(operatorInput.getMessage()));
        }
    }

    private static LoginMode loginMode(VariableScope scope) {
        String value = Variables.string(scope, SOURCE_LOGIN_MODE);
        LoginMode mode;
        try {
            mode = LoginMode.valueOf(value);
        } catch (IllegalArgumentException e) {
            mode = LoginMode.XOAUTH2;
        }
        // XOAUTH2 is the Microsoft 365 target's, with the app's token: never a source's
        if (mode == LoginMode.XOAUTH2) {
            throw new IllegalArgumentException(
                    "How to open each mailbox must be PROXY or SHARED_PASSWORD, not '" + value + "'");
        }
        return mode;
    }
}
