package io.mailferry.access;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ResourceTypeUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.spring.boot.starter.event.PostDeployEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The group {@link MailferryGroups#OPERATORS} and exactly what it may do, set on every start in every profile, so an
 * administrator only adds users to the group. Its members may start the runbooks Tasklist offers
 * ({@code isStartableInTasklist}), read every runbook's definitions, instances and history, see and work on (claim,
 * complete) their tasks, and use Tasklist and Cockpit (read-only: Cockpit's actions need permissions they lack). They
 * may not deploy, manage users, groups or authorizations, change variables, or modify, suspend or delete instances.
 * Permissions an administrator added to the group's rows are taken away again here: widen another group instead.
 * The administrators' group gets ALL on every resource when a row is missing (Camunda's starter grants it only when it
 * creates the first administrator, so a database from before authorization was enabled would lack it).
 */
@Component
public class OperatorAuthorizations implements InitializingBean {
    /** Where the runbooks are deployed from at start-up (processes.xml); nothing else is the operators' business. */
    static final String RUNBOOK_RESOURCES = "processes/";

    static final Permission[] RUNBOOK = {
        Permissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.READ_HISTORY,
        ProcessDefinitionPermissions.READ_TASK,
        ProcessDefinitionPermissions.TASK_WORK
    };

    private static final Logger log = LoggerFactory.getLogger(OperatorAuthorizations.class);

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final RepositoryService repository;

    public OperatorAuthorizations(
            IdentityService identity, AuthorizationService authorizations, RepositoryService repository) {
        this.identity = identity;
        this.authorizations = authorizations;
        this.repository = repository;
    }

    /** Both groups exist before anything (the demo's users, an administrator) may be put into them. */
    @Override
    public void afterPropertiesSet() {
        ensureGroup(MailferryGroups.ADMINS, "Camunda Administrators", Groups.GROUP_TYPE_SYSTEM);
        ensureGroup(MailferryGroups.OPERATORS, "Migration operators", Groups.GROUP_TYPE_WORKFLOW);
    }

    /** After the runbooks are deployed, so that their process definition keys are known. */
    @EventListener
    public void onDeployed(PostDeployEvent deployed) {
        grant();
    }

    void grant() {
        for (Resource resource : Resources.values()) {
            grantAllIfMissing(MailferryGroups.ADMINS, resource, ANY);
        }
        set(Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        set(Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        set(Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
        // the task lists saved in Tasklist ("All tasks"); what a filter shows is still limited by the task permissions
        set(Resources.FILTER, ANY, Permissions.READ);
        List<String> runbooks = new ArrayList<>();
        for (ProcessDefinition definition :
                repository.createProcessDefinitionQuery().latestVersion().list()) {
            if (definition.getResourceName() == null
                    || !definition.getResourceName().startsWith(RUNBOOK_RESOURCES)) {
                continue;
            }
            List<Permission> permissions = new ArrayList<>(List.of(RUNBOOK));
            if (definition.isStartableInTasklist()) {
                permissions.add(ProcessDefinitionPermissions.CREATE_INSTANCE);
            }
            set(Resources.PROCESS_DEFINITION, definition.getKey(), permissions.toArray(Permission[]::new));
            runbooks.add(definition.getKey() + (definition.isStartableInTasklist() ? " (start)" : ""));
        }
        log.info("Group {} may work on the runbooks {}", MailferryGroups.OPERATORS, runbooks);
    }

    /** The operators' grant on one resource is exactly {@code permissions}. */
    private void set(Resource resource, String resourceId, Permission... permissions) {
        write(MailferryGroups.OPERATORS, resource, resourceId, permissions, true);
    }

    /** ALL for {@code group} where it has no grant on the resource; an existing grant is left as it is. */
    private void grantAllIfMissing(String group, Resource resource, String resourceId) {
        write(group, resource, resourceId, new Permission[] {Permissions.ALL}, false);
    }

    /** Retried once: another node starting at the same moment may have written the same row in between. */
    private void write(String group, Resource resource, String resourceId, Permission[] permissions, boolean replace) {
        try {
            writeOnce(group, resource, resourceId, permissions, replace);
        } catch (ProcessEngineException anotherNode) {
            writeOnce(group, resource, resourceId, permissions, replace);
        }
    }

    private void writeOnce(
            String group, Resource resource, String resourceId, Permission[] permissions, boolean replace) {
        Authorization grant = authorizations
                .createAuthorizationQuery()
                .authorizationType(AUTH_TYPE_GRANT)
                .groupIdIn(group)
                .resourceType(resource)
                .resourceId(resourceId)
                .singleResult();
        if (grant == null) {
            grant = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
            grant.setGroupId(group);
            grant.setResource(resource);
            grant.setResourceId(resourceId);
        } else if (!replace || hasExactly(grant, resource, permissions)) {
            return;
        }
        grant.setPermissions(permissions);
        authorizations.saveAuthorization(grant);
    }

    /** Whether {@code grant} holds each of {@code permissions} and no other permission of its resource type. */
    private static boolean hasExactly(Authorization grant, Resource resource, Permission[] permissions) {
        List<Permission> wanted = List.of(permissions);
        for (Permission p : ResourceTypeUtil.getPermissionsByResourceType(resource.resourceType())) {
            if (p.getValue() == Permissions.NONE.getValue() || p.getValue() == Permissions.ALL.getValue()) {
                continue;
            }
            boolean want = wanted.stream().anyMatch(w -> w.getValue() == p.getValue());
            if (grant.isPermissionGranted(p) != want) {
                return false;
            }
        }
        return true;
    }

    void ensureGroup(String id, String name, String type) {
        if (identity.createGroupQuery().groupId(id).count() > 0) {
            return;
        }
        Group group = identity.newGroup(id);
        group.setName(name);
        group.setType(type);
        try {
            identity.saveGroup(group);
        } catch (ProcessEngineException e) {
            if (identity.createGroupQuery().groupId(id).count() > 0) {
                return; // another node created it at the same moment
            }
            // Camunda's default id pattern is [a-zA-Z0-9]+|camunda-admin, which rejects the hyphen
            throw new IllegalStateException(
                    "Camunda rejects the group id '" + id + "'; allow it with "
                            + "camunda.bpm.generic-properties.properties.group-resource-whitelist-pattern: "
                            + "\"[a-zA-Z0-9-]+\"",
                    e);
        }
    }
}
