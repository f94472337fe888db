package io.mailferry.access;

import org.camunda.bpm.engine.authorization.Groups;

/** The two Camunda groups Mailferry knows: what their members may do is in docs/operations.md, "Who may do what". */
public final class MailferryGroups {
    /** Start the migrations, see and complete their tasks, read their state; nothing else. */
    public static final String OPERATORS = "migration-operators";
    /** Camunda's administrators: everything, including deployments, users, groups and variables. */
    public static final String ADMINS = Groups.CAMUNDA_ADMIN;

    private MailferryGroups() {}
}
