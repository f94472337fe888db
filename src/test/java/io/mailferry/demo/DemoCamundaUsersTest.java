package io.mailferry.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    private static ProcessEngine strictEngine;

    @BeforeAll
    static void startEngines() {
        engine = engine("demo-camunda-users", "[a-zA-Z0-9-]+");
        strictEngine = engine("demo-camunda-users-strict", null);
    }

    private static ProcessEngine engine(String name, String groupPattern) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl)
                ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
                        .setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1")
                        .setProcessEngineName(name)
                        .setJobExecutorActivate(false);
        configuration.setGroupResourceWhitelistPattern(groupPattern);
        return configuration.buildProcessEngine();
    }

    @AfterAll
    static void stopEngines() {
        engine.close();
        strictEngine.close();
    }

    @Test
    void explainsWhichSettingAllowsTheGroupId() {
        DemoCamundaUsers users = new DemoCamundaUsers(strictEngine.getIdentityService(), DemoProperties.onFreePorts(1));
        assertThatThrownBy(users::afterPropertiesSet)
                .hasMessageContaining("migration-operators")
                .hasMessageContaining("group-resource-whitelist-pattern");
    }

    @Test
    void demoUserCanSignInAndIsAdminAndOperator() {
        IdentityService identity = engine.getIdentityService();
        DemoCamundaUsers users = new DemoCamundaUsers(identity, DemoProperties.onFreePorts(5));

        users.afterPropertiesSet();
        users.afterPropertiesSet(); // a restart against a persistent database must not fail

        assertThat(identity.checkPassword("demo", "demo")).isTrue();
        assertThat(identity.createGroupQuery().groupMember("demo").list())
                .extracting(Group::getId)
                .containsExactlyInAnyOrder("camunda-admin", "migration-operators");
        assertThat(identity.createGroupQuery()
                        .groupId("migration-operators")
                        .singleResult()
                        .getType())
                .isEqualTo("WORKFLOW");
    }
}
