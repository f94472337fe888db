package io.mailferry.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;

/** The groups at start-up on a plain engine; what the operators may do is attacked in {@link AccessAttackTest}. */
class OperatorAuthorizationsTest {

    private static ProcessEngine engine(String name, String groupPattern) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl)
                ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
                        .setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1")
                        .setProcessEngineName(name)
                        .setJobExecutorActivate(false);
        configuration.setGroupResourceWhitelistPattern(groupPattern);
        return configuration.buildProcessEngine();
    }

    private static OperatorAuthorizations on(ProcessEngine engine) {
        return new OperatorAuthorizations(
                engine.getIdentityService(), engine.getAuthorizationService(), engine.getRepositoryService());
    }

    @Test
    void explainsWhichSettingAllowsTheGroupId() {
        ProcessEngine strict = engine("operator-authorizations-strict", null);
        try {
            assertThatThrownBy(on(strict)::afterPropertiesSet)
                    .hasMessageContaining("migration-operators")
                    .hasMessageContaining("group-resource-whitelist-pattern");
        } finally {
            strict.close();
        }
    }

    @Test
    void createsBothGroupsOnceAndItsGrantsAgainOnEveryStart() {
        ProcessEngine engine = engine("operator-authorizations", "[a-zA-Z0-9-]+");
        try {
            OperatorAuthorizations groups = on(engine);
            groups.afterPropertiesSet();
            groups.grant();
            long grants =
                    engine.getAuthorizationService().createAuthorizationQuery().count();
            on(engine).afterPropertiesSet(); // a restart against a persistent database
            on(engine).grant();

            assertThat(engine.getIdentityService()
                            .createGroupQuery()
                            .groupIdIn("camunda-admin", "migration-operators")
                            .count())
                    .isEqualTo(2);
            assertThat(engine.getIdentityService()
                            .createGroupQuery()
                            .groupId("migration-operators")
                            .singleResult()
                            .getType())
                    .isEqualTo("WORKFLOW");
            assertThat(engine.getAuthorizationService()
                            .createAuthorizationQuery()
                            .count())
                    .as("no duplicate rows")
                    .isEqualTo(grants);
        } finally {
            engine.close();
        }
    }
}
