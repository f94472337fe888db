package io.mailferry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailferry.access.OperatorAuthorizations;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoCamundaUsersTest {
    private static ProcessEngine engine;

    @BeforeAll
    static void startEngine() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl)
                ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
                        .setJdbcUrl("jdbc:h2:mem:demo-camunda-users;DB_CLOSE_DELAY=-1")
                        .setProcessEngineName("demo-camunda-users")
                        .setJobExecutorActivate(false);
        configuration.setGroupResourceWhitelistPattern("[a-zA-Z0-9-]+");
        engine = configuration.buildProcessEngine();
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @Test
    void demoIsAdministratorAndOperatorIsOnlyAnOperator() {
        IdentityService identity = engine.getIdentityService();
        OperatorAuthorizations groups =
                new OperatorAuthorizations(identity, engine.getAuthorizationService(), engine.getRepositoryService());
        groups.afterPropertiesSet();
        DemoCamundaUsers users = new DemoCamundaUsers(identity, DemoProperties.onFreePorts(5), groups);

        users.afterPropertiesSet();
        users.afterPropertiesSet(); // a restart against a persistent database must not fail

        assertThat(identity.checkPassword("demo", "demo")).isTrue();
        assertThat(identity.checkPassword("operator", "operator")).isTrue();
        assertThat(identity.createGroupQuery().groupMember("demo").list())
                .extracting(Group::getId)
                .containsExactlyInAnyOrder("camunda-admin", "migration-operators");
        assertThat(identity.createGroupQuery().groupMember("operator").list())
                .extracting(Group::getId)
                .containsExactly("migration-operators");
    }
}
