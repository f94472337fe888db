package io.mailferry.mailbox;

import jakarta.mail.Flags;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Which flags travel to the target: \Seen \Answered \Flagged \Draft, and keywords only where the target folder
 * keeps them (PERMANENTFLAGS), since other keywords would be dropped or refused. \Recent is server-owned and
 * \Deleted is left behind so a half-deleted message does not vanish on the next expunge in Microsoft 365.
 */
final class FlagRules {
    private static final List<Flags.Flag> SYSTEM =
            List.of(Flags.Flag.SEEN, Flags.Flag.ANSWERED, Flags.Flag.FLAGGED, Flags.Flag.DRAFT);

    private final Flags permanent;

    FlagRules(Flags targetPermanentFlags) {
        this.permanent = targetPermanentFlags == null ? new Flags() : targetPermanentFlags;
    }

    /** The flags to carry over, in a canonical text form so comparing two sets is comparing two strings. */
    String canonical(Flags source) {
        TreeSet<String> names = new TreeSet<>();
        if (source.contains(Flags.Flag.SEEN)) {
            names.add("\\Seen");
        }
        if (source.contains(Flags.Flag.ANSWERED)) {
            names.add("\\Answered");
        }
        if (source.contains(Flags.Flag.FLAGGED)) {
            names.add("\\Flagged");
        }
        if (source.contains(Flags.Flag.DRAFT)) {
            names.add("\\Draft");
        }
        boolean anyKeyword = permanent.contains(Flags.Flag.USER);
        for (String keyword : source.getUserFlags()) {
            if (anyKeyword || permanent.contains(keyword)) {
                names.add(keyword);
            }
        }
        return String.join(" ", names);
    }

    static Flags parse(String canonical) {
        Flags flags = new Flags();
        if (canonical == null || canonical.isBlank()) {
            return flags;
        }
        for (String name : canonical.split(" ")) {
            switch (name) {
                case "\\Seen" -> flags.add(Flags.Flag.SEEN);
                case "\\Answered" -> flags.add(Flags.Flag.ANSWERED);
                case "\\Flagged" -> flags.add(Flags.Flag.FLAGGED);
                case "\\Draft" -> flags.add(Flags.Flag.DRAFT);
                default -> flags.add(name);
            }
        }
        return flags;
    }

    /** Flags in {@code from} but not in {@code minus}, restricted to what we synchronise. */
    static Flags difference(Flags from, Flags minus) {
        Flags result = new Flags();
        for (Flags.Flag flag : SYSTEM) {
            if (from.contains(flag) && !minus.contains(flag)) {
                result.add(flag);
            }
        }
        List<String> keywords = new ArrayList<>(List.of(from.getUserFlags()));
        keywords.removeAll(List.of(minus.getUserFlags()));
        keywords.forEach(result::add);
        return result;
    }
}
