package io.mailferry.tenant;

import io.mailferry.text.Shown;
import java.util.List;

/** Which users hold a licence after an assignment, which do not, and a sentence for the operator saying why. */
public record LicenceResult(List<String> licensed, List<String> unlicensed, String detail) {
    public LicenceResult {
        licensed = List.copyOf(licensed);
        unlicensed = List.copyOf(unlicensed);
    }

    /** The detail's part about users the tenant does not have, the same words whichever tenant it is. */
    public static String notInTenant(List<String> unknown) {
        return unknown.isEmpty()
                ? ""
                : "; " + Shown.count(unknown.size())
                        + " not in the tenant (directory synchronisation has not created them):\n"
                        + Shown.firstOf(unknown);
    }
}
