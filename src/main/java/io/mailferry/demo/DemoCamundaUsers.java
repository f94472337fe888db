package io.mailferry.demo;

import io.mailferry.access.MailferryGroups;
import io.mailferry.access.OperatorAuthorizations;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The demo's logins for Tasklist, Cockpit and both REST APIs, so that anyone can see the production model:
 * <ul>
 *   <li>{@code demo} with the demo password, the administrator: member of {@code camunda-admin} (and of
 *       {@code migration-operators}, the candidate group of the runbooks' user tasks);
 *   <li>{@code operator}/{@code operator}, only in {@code migration-operators}: may start the migrations and work on
 *       their tasks, nothing else (see {@link OperatorAuthorizations}).
 * </ul>
 * {@code camunda.bpm.admin-user} may already have created {@code demo}; what exists is left as it is. The group
 * {@code migration-operators} is created by {@link OperatorAuthorizations} in every profile, before this runs.
 */
@Component
@Profile("demo")
public class DemoCamundaUsers implements InitializingBean {
    public static final String USER = "demo";
    public static final String OPERATOR = "operator";
    public static final String OPERATOR_PASSWORD = "operator";
    public static final String OPERATORS = MailferryGroups.OPERATORS;
    private static final Logger log = LoggerFactory.getLogger(DemoCamundaUsers.class);

    private final IdentityService identityService;
    private final DemoProperties properties;

    /** {@code operatorGroup} is only asked for so that the group exists before the memberships. */
    public DemoCamundaUsers(
            IdentityService identityService, DemoProperties properties, OperatorAuthorizations operatorGroup) {
        this.identityService = identityService;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        user(USER, "Demo", "Administrator", properties.password());
        user(OPERATOR, "Demo", "Operator", OPERATOR_PASSWORD);
        member(USER, MailferryGroups.ADMINS);
        member(USER, MailferryGroups.OPERATORS);
        member(OPERATOR, MailferryGroups.OPERATORS);
        log.info(
                "Demo logins: '{}' (administrator, groups {} and {}), '{}'/'{}' (group {} only)",
                USER,
                MailferryGroups.ADMINS,
                MailferryGroups.OPERATORS,
                OPERATOR,
                OPERATOR_PASSWORD,
                MailferryGroups.OPERATORS);
    }

    private void user(String id, String firstName, String lastName, String password) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setFirstName(firstName);
            user.setLastName(lastName);
            user.setEmail(id + "@" + properties.domain());
            user.setPassword(password);
            identityService.saveUser(user);
        }
    }

    private void member(String user, String group) {
        if (identityService.createUserQuery().userId(user).memberOfGroup(group).count() == 0) {
            identityService.createMembership(user, group);
        }
    }
}
