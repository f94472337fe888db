package io.mailferry.web;

import io.mailferry.access.MailferryGroups;
import java.util.List;

/**
 * Who sends a request to {@code /api}: a Camunda user, its groups (read afresh for every request, so taking a user out
 * of a group takes effect at once), and whether it signed in with the request (HTTP Basic, scripts) or earlier in
 * Tasklist or Cockpit (the webapps' session, the pages).
 */
record Caller(String user, List<String> groups, boolean viaSession) {
    /** The request attribute that carries the caller from the authentication filter to {@link GroupCheck}. */
    static final String ATTRIBUTE = Caller.class.getName();

    Caller {
        groups = List.copyOf(groups);
    }

    boolean isAdmin() {
        return groups.contains(MailferryGroups.ADMINS);
    }

    boolean isOperator() {
        return groups.contains(MailferryGroups.OPERATORS);
    }
}
