package io.mailferry.config;

import java.util.List;

/** The node's configuration does not fit its profile; the message lists every setting to fix, one per line. */
public class InvalidDeploymentException extends IllegalStateException {
    private final transient List<String> problems;

    public InvalidDeploymentException(String profile, List<String> problems) {
        super("Mailferry will not start with the " + profile + " profile until these settings are fixed:\n  - "
                + String.join("\n  - ", problems)
                + "\nEvery setting is described in docs/operations.md.");
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
