package io.mailferry.m365;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Mail-enabled security groups, which Graph can read but not create ("mail-enabled and distribution groups are
 * read-only"): Mailferry checks that the group exists and is of the right kind, and otherwise names the Exchange
 * Online PowerShell command that creates it.
 */
class GraphGroups {
    private final GraphClient graph;

    GraphGroups(GraphClient graph) {
        this.graph = graph;
    }

    void requireMailEnabledSecurityGroup(String name) {
        List<JsonNode> groups = graph.list(
                GraphCall.READ_GROUPS,
                Map.of(),
                "/groups?$filter={f}&$select=id,displayName,mail,mailEnabled,securityEnabled,groupTypes",
                "displayName eq '" + name.replace("'", "''") + "'");
        String command = "New-DistributionGroup -Type Security -Name " + powerShellQuoted(name);
        if (groups.isEmpty()) {
            throw new SecurityGroupMissingException(
                    "The mail-enabled security group '" + name + "' is not in the Microsoft 365 tenant. Microsoft"
                            + " Graph cannot create mail-enabled security groups; create it in Exchange Online"
                            + " PowerShell (Connect-ExchangeOnline) with: " + command,
                    command);
        }
        if (groups.stream().anyMatch(GraphGroups::mailEnabledSecurityGroup)) {
            return;
        }
        throw new SecurityGroupMissingException(
                "A group named '" + name + "' exists in the Microsoft 365 tenant but is " + kind(groups.get(0))
                        + ", not a mail-enabled security group, and cannot be turned into one. Rename or remove it,"
                        + " then create the group in Exchange Online PowerShell with: " + command,
                command);
    }

    /** A single-quoted PowerShell string: PowerShell takes the typographic quotes for quotes too. */
    static String powerShellQuoted(String text) {
        return "'" + text.replaceAll("(['\u2018\u2019\u201A\u201B])", "$1$1") + "'";
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
