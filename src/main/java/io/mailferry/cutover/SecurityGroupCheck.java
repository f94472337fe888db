package io.mailferry.cutover;

import io.mailferry.tenant.ExchangePowerShell;
import io.mailferry.tenant.MissingSecurityGroup;
import io.mailferry.tenant.Tenant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Which of the mail-enabled security groups the operator chose the tenant has, and for the others the Exchange
 * Online PowerShell command that creates each: Microsoft Graph cannot create such groups, so an administrator does.
 * A name Exchange would refuse is reported for the operator to correct, not sent to the tenant.
 */
@Component
class SecurityGroupCheck {
    private final Tenant tenant;

    SecurityGroupCheck(Tenant tenant) {
        this.tenant = tenant;
    }

    /** What is still to do: a line per group that is missing or cannot be, and the commands for the missing ones. */
    record Outcome(List<String> problems, List<String> commands) {
        Outcome {
            problems = List.copyOf(problems);
            commands = List.copyOf(commands);
        }

        boolean everyGroupExists() {
            return problems.isEmpty();
        }
    }

    /** The groups {@code names} in the tenant, their addresses in the migration's {@code domain}. */
    Outcome check(List<String> names, String domain) {
        List<String> problems = new ArrayList<>();
        Map<String, String> commands = new LinkedHashMap<>();
        for (String name : names) {
            try {
                commands.putIfAbsent(key(name), ExchangePowerShell.newSecurityGroup(name, domain));
            } catch (IllegalArgumentException invalid) {
                problems.add(invalid.getMessage() + ": correct the list of groups");
            }
        }
        List<String> valid = names.stream()
                .filter(n -> commands.containsKey(key(n)))
                .map(String::trim)
                .toList();
        List<String> toRun = new ArrayList<>();
        for (MissingSecurityGroup missing : tenant.missingMailEnabledSecurityGroups(valid)) {
            problems.add(missing.name() + ": " + missing.why());
            toRun.add(commands.get(key(missing.name())));
        }
        return new Outcome(problems, toRun);
    }

    private static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
