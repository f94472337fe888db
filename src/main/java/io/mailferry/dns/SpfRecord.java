package io.mailferry.dns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What adding an {@code include:} to a domain's SPF record (RFC 7208) means for the TXT records it has now: the one
 * resulting record, or why Mailferry leaves the SPF record alone.
 *
 * @param state    what was found
 * @param current  the SPF record now, or null when there is none or there are several
 * @param proposed the record with the include added; null unless {@link State#ADD_INCLUDE}
 * @param detail   for the operator: what changes, or why nothing does
 */
public record SpfRecord(State state, String current, String proposed, String detail) {

    public enum State {
        /** One SPF record without the include: {@link #proposed()} is it with the include. */
        ADD_INCLUDE,
        /** One SPF record that already includes the domain: nothing to do. */
        ALREADY_INCLUDED,
        /** No SPF record: creating one needs to know every server that sends the domain's mail. */
        NO_SPF,
        /** Several SPF records, which receivers treat as an error (RFC 7208 §4.5): someone has to merge them. */
        SEVERAL_SPF
    }

    /**
     * @param domain        e.g. {@code contoso.com}, for the messages
     * @param txtValues     every TXT value at the domain, each record's strings joined
     * @param includeDomain e.g. {@code spf.protection.outlook.com}
     */
    public static SpfRecord plan(String domain, List<String> txtValues, String includeDomain) {
        List<String> spf = txtValues.stream().filter(SpfRecord::isSpf).toList();
        String include = "include:" + includeDomain;
        if (spf.isEmpty()) {
            return new SpfRecord(
                    State.NO_SPF,
                    null,
                    null,
                    domain + " has no SPF record. Mailferry does not create "
                            + "one, because it has to name every server that sends mail as @" + domain
                            + ". If Microsoft 365 "
                            + "is the only one, publish \"v=spf1 " + include + " -all\" yourself.");
        }
        if (spf.size() > 1) {
            return new SpfRecord(
                    State.SEVERAL_SPF,
                    null,
                    null,
                    domain + " has " + spf.size() + " SPF records ("
                            + spf.stream().map(v -> '"' + v + '"').collect(Collectors.joining(", "))
                            + "); receivers treat "
                            + "that as an error (RFC 7208 §4.5: permerror). Merge them into one, with " + include
                            + ", yourself; Mailferry leaves them alone.");
        }
        String current = spf.get(0);
        if (includes(current, includeDomain)) {
            return new SpfRecord(
                    State.ALREADY_INCLUDED,
                    current,
                    null,
                    "The SPF record of " + domain + " already has " + include + ": nothing to change.");
        }
        String proposed = withInclude(current, include);
        return new SpfRecord(
                State.ADD_INCLUDE,
                current,
                proposed,
                "\"" + current + "\" becomes \"" + proposed
                        + "\": every other mechanism stays, the include goes before the final one.");
    }

    /** A TXT value is an SPF record when it starts with the version {@code v=spf1} as a whole term (§4.5). */
    public static boolean isSpf(String txt) {
        String value = txt.trim().toLowerCase(Locale.ROOT);
        return value.equals("v=spf1") || value.startsWith("v=spf1 ");
    }

    /** Whether {@code spf} authorises {@code includeDomain}'s senders: an include with no qualifier or with "+". */
    public static boolean includes(String spf, String includeDomain) {
        String wanted = "include:" + bare(includeDomain);
        return terms(spf).stream()
                .map(t -> t.toLowerCase(Locale.ROOT))
                .map(t -> t.startsWith("+") ? t.substring(1) : t)
                .map(SpfRecord::bare)
                .anyMatch(wanted::equals);
    }

    /**
     * The include goes before the first {@code all} mechanism or modifier (RFC 7208 §6: modifiers belong after the
     * mechanisms), else at the end; terms after the version are evaluated left to right, so anything after
     * {@code all} would never be reached.
     */
    static String withInclude(String spf, String include) {
        List<String> terms = new ArrayList<>(terms(spf));
        int at = terms.size();
        for (int i = 1; i < terms.size(); i++) {
            String term = terms.get(i).toLowerCase(Locale.ROOT);
            if (term.matches("[+\\-~?]?all") || term.matches("[a-z][a-z0-9_.\\-]*=.*")) {
                at = i;
                break;
            }
        }
        terms.add(at, include);
        return String.join(" ", terms);
    }

    private static List<String> terms(String spf) {
        return Arrays.stream(spf.trim().split("\\s+")).filter(t -> !t.isEmpty()).toList();
    }

    private static String bare(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
