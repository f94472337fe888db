package io.mailferry.sourceendpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.mailferry.authority.MigrationAuthority;
import io.mailferry.mailbox.ConfiguredEndpoints;
import io.mailferry.mailbox.ImapSecurity;
import io.mailferry.mailbox.LoginMode;
import io.mailferry.mailbox.SourceEndpointProperties;
import io.mailferry.process.OwnedMigration;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The configured administrator's reference never reaches a form: the endpoint form gets the choice to use that
 * administrator, and the reference is taken from configuration only when the endpoint is created.
 */
class SourceLoginTest {
    static final String CONFIGURED = "secret:2f1c7a9e-5b7d-4c61-9a0e-3d8f6b2e4c10";

    ConfiguredEndpoints configured;
    Map<String, Object> variables;
    DelegateExecution execution;

    @BeforeEach
    void setUp() {
        configured = mock(ConfiguredEndpoints.class);
        when(configured.defaultSourceCredentialRef()).thenReturn(CONFIGURED);
        when(configured.hasSourceAdministrator()).thenReturn(true);
        when(configured.sourceDefaults())
                .thenReturn(new SourceEndpointProperties(
                        "mail.contoso.com",
                        993,
                        ImapSecurity.TLS,
                        "CONTOSO\\mailferry-admin",
                        null,
                        LoginMode.PROXY,
                        false));
        variables = new HashMap<>();
        execution = mock(DelegateExecution.class);
        when(execution.getVariable(anyString())).thenAnswer(call -> variables.get(call.<String>getArgument(0)));
    }

    @Test
    void theEndpointFormGetsTheChoiceButNeverTheConfiguredReference() {
        OwnedMigration owned = mock(OwnedMigration.class);
        MigrationAuthority authority = mock(MigrationAuthority.class);
        when(owned.authority()).thenReturn(authority);
        when(authority.sourceServer(any())).thenReturn(java.util.Optional.empty());

        new SourceEndpointDefaultsListener(configured, owned).notify(execution);

        verify(execution).setVariable(SourceEndpointVariables.USE_CONFIGURED_ADMINISTRATOR, true);
        verify(execution, never()).setVariable(eq(SourceEndpointVariables.SOURCE_CREDENTIAL_REF), any());
        verify(execution, never()).setVariable(anyString(), eq(CONFIGURED));
    }

    @Test
    void theConfiguredAdministratorIsChosenByTheChoiceNotByAReference() {
        variables.put(SourceEndpointVariables.USE_CONFIGURED_ADMINISTRATOR, true);
        variables.put(SourceEndpointVariables.SOURCE_ADMIN_USER, "attacker");
        variables.put(SourceEndpointVariables.SOURCE_CREDENTIAL_REF, "secret:00000000-0000-0000-0000-000000000000");

        assertThat(SourceLogin.chosen(execution, configured))
                .isEqualTo(new SourceLogin("CONTOSO\\mailferry-admin", CONFIGURED));
    }

    @Test
    void withoutTheChoiceTheOperatorsReferenceIsUsedAndRequired() {
        variables.put(SourceEndpointVariables.USE_CONFIGURED_ADMINISTRATOR, false);
        variables.put(SourceEndpointVariables.SOURCE_ADMIN_USER, "CONTOSO\\olga");

        assertThatThrownBy(() -> SourceLogin.chosen(execution, configured))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"Password reference\" is empty");

        variables.put(SourceEndpointVariables.SOURCE_CREDENTIAL_REF, "secret:00000000-0000-0000-0000-000000000001");
        assertThat(SourceLogin.chosen(execution, configured))
                .isEqualTo(new SourceLogin("CONTOSO\\olga", "secret:00000000-0000-0000-0000-000000000001"));
    }

    @Test
    void theChoiceWithoutAConfiguredAdministratorSaysWhatIsMissing() {
        when(configured.defaultSourceCredentialRef()).thenReturn(null);
        variables.put(SourceEndpointVariables.USE_CONFIGURED_ADMINISTRATOR, true);

        assertThatThrownBy(() -> SourceLogin.chosen(execution, configured))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mailferry.source.host, admin-user and password");
    }
}
