package io.mailferry.tenant;

import java.util.List;

/** Which users hold a licence after an assignment, which do not, and a sentence for the operator saying why. */
public record LicenceResult(List<String> licensed, List<String> unlicensed, String detail) {
    public LicenceResult {
        licensed = List.copyOf(licensed);
        unlicensed = List.copyOf(unlicensed);
    }
}
