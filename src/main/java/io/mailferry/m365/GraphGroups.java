package io.mailferry.m365;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailferry.tenant.MissingSecurityGroup;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Mail-enabled security groups, which Graph can read but not create ("mail-enabled and distribution groups are
 * read-only"): Mailferry checks that a group of the name exists and is of the right kind; an administrator creates
 * the others in Exchange Online PowerShell.
 */
class GraphGroups {
    private final GraphClient graph;

    GraphGroups(GraphClient graph) {
        this.graph = graph;
    }

    /** Empty when a mail-enabled security group of this name exists; else why it does not count. */
    Optional<MissingSecurityGroup> missing(String name) {
        List<JsonNode> groups = graph.list(
                GraphCall.READ_GROUPS,
                Map.of(),
                "/groups?$filter={f}&$select=id,displayName,mail,mailEnabled,securityEnabled,groupTypes",
                "displayName eq '" + name.replace("'", "''") + "'");
        if (groups.stream().anyMatch(GraphGroups::mailEnabledSecurityGroup)) {
            return Optional.empty();
        }
        if (groups.isEmpty()) {
            return Optional.of(new MissingSecurityGroup(name, "not in the tenant"));
        }
        return Optional.of(new MissingSecurityGroup(
                name,
                "a group of this name exists but is " + kind(groups.get(0))
                        + ", not a mail-enabled security group, and cannot be turned into one: rename or remove it"
                        + " first"));
    }

    private static boolean mailEnabledSecurityGroup(JsonNode group) {
        return group.path("mailEnabled").asBoolean(false)
                && group.path("securityEnabled").asBoolean(false)
                && group.path("groupTypes").isEmpty();
    }

    private static String kind(JsonNode group) {
        for (JsonNode type : group.path("groupTypes")) {
            if ("Unified".equalsIgnoreCase(type.asText())) {
                return "a Microsoft 365 group";
            }
        }
        if (group.path("securityEnabled").asBoolean(false)) {
            return "a security group without mail";
        }
        return group.path("mailEnabled").asBoolean(false) ? "a distribution list" : "a group without mail";
    }
}
