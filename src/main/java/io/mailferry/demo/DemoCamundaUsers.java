package io.mailferry.demo;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The demo login for Tasklist, Cockpit and both REST APIs: user {@code demo} with the demo password, member of
 * {@code camunda-admin} and of {@code migration-operators}, the candidate group of the runbooks' user tasks.
 * {@code camunda.bpm.admin-user} may already have created the user; what exists is left as it is. Camunda accepts
 * the hyphenated group id only with {@code group-resource-whitelist-pattern} widened (see the demo configuration).
 */
@Component
@Profile("demo")
public class DemoCamundaUsers implements InitializingBean {
    public static final String USER = "demo";
    public static final String OPERATORS = "migration-operators";
    private static final Logger log = LoggerFactory.getLogger(DemoCamundaUsers.class);

    private final IdentityService identityService;
    private final DemoProperties properties;

    public DemoCamundaUsers(IdentityService identityService, DemoProperties properties) {
        this.identityService = identityService;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        if (identityService.createUserQuery().userId(USER).count() == 0) {
            User user = identityService.newUser(USER);
            user.setFirstName("Demo");
            user.setLastName("Operator");
            user.setEmail("demo@" + properties.domain());
            user.setPassword(properties.password());
            identityService.saveUser(user);
        }
        group(Groups.CAMUNDA_ADMIN, "Camunda Administrators", Groups.GROUP_TYPE_SYSTEM);
        group(OPERATORS, "Migration operators", Groups.GROUP_TYPE_WORKFLOW);
        log.info("Demo login: user '{}' in groups {} and {}", USER, Groups.CAMUNDA_ADMIN, OPERATORS);
    }

    private void group(String id, String name, String type) {
        if (identityService.createGroupQuery().groupId(id).count() == 0) {
            Group group = identityService.newGroup(id);
            group.setName(name);
            group.setType(type);
            try {
                identityService.saveGroup(group);
            } catch (ProcessEngineException e) {
                // Camunda's default id pattern is [a-zA-Z0-9]+|camunda-admin, which rejects the hyphen
                throw new IllegalStateException(
                        "Camunda rejects the group id '" + id + "'; allow it with "
                                + "camunda.bpm.generic-properties.properties.group-resource-whitelist-pattern: "
                                + "\"[a-zA-Z0-9-]+\"",
                        e);
            }
        }
        if (identityService.createUserQuery().userId(USER).memberOfGroup(id).count() == 0) {
            identityService.createMembership(USER, id);
        }
    }
}
