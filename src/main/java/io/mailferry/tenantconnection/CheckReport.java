package io.mailferry.tenantconnection;

import io.mailferry.tenant.ConnectionCheck;
import io.mailferry.text.Fit;
import io.mailferry.text.Inert;
import java.util.List;

/**
 * The connection checks as the form shows them: one list item per check, passed or failed, then its name and what
 * was found or is to fix. Details come from outside (Entra ID's and Graph's messages, a mailbox name), so they are
 * made inert; each is capped so that every check fits in one variable.
 */
final class CheckReport {
    /** Room for the list around the details. */
    private static final int MARGIN = 200;

    private CheckReport() {}

    static boolean allPassed(List<ConnectionCheck> checks) {
        return !checks.isEmpty() && checks.stream().allMatch(ConnectionCheck::passed);
    }

    static String markdown(List<ConnectionCheck> checks) {
        if (checks.isEmpty()) {
            return "(no checks)";
        }
        int perCheck = (Fit.VARIABLE - MARGIN) / checks.size();
        StringBuilder text = new StringBuilder();
        for (ConnectionCheck check : checks) {
            String name = Inert.markdown(check.name(), Math.max(16, perCheck / 3));
            int room = Math.max(16, perCheck - name.length() - 20);
            text.append(check.passed() ? "- passed · **" : "- **FAILED** · **")
                    .append(name)
                    .append("**: ")
                    .append(Inert.markdown(String.valueOf(check.detail()), room))
                    .append('\n');
        }
        return Fit.variable(text.toString().stripTrailing());
    }
}
