package io.mailferry.mailbox;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * Which source folder goes to which target folder. Hierarchy separators are translated, INBOX stays INBOX, and
 * special folders (Sent, Drafts, Deleted Items, Junk, Archive) land in the target's own special folder, found by
 * its special-use attribute or Exchange/common name, so Microsoft 365 does not end up with two "Sent" folders.
 */
final class FolderPlan {
    record Pair(IMAPFolder source, String sourceName, String targetName) {}

    private enum Role {
        SENT,
        DRAFTS,
        TRASH,
        JUNK,
        ARCHIVE
    }

    private static final Map<Role, String> ATTRIBUTES = Map.of(
            Role.SENT,
            "\\Sent",
            Role.DRAFTS,
            "\\Drafts",
            Role.TRASH,
            "\\Trash",
            Role.JUNK,
            "\\Junk",
            Role.ARCHIVE,
            "\\Archive");
    private static final Map<Role, Set<String>> NAMES = Map.of(
            Role.SENT, Set.of("sent items", "sent", "sent messages", "sent mail"),
            Role.DRAFTS, Set.of("drafts"),
            Role.TRASH, Set.of("deleted items", "trash", "deleted messages"),
            Role.JUNK, Set.of("junk email", "junk e-mail", "junk", "spam"),
            Role.ARCHIVE, Set.of("archive"));

    private FolderPlan() {}

    static List<Pair> plan(IMAPStore source, IMAPStore target) throws MessagingException {
        return plan(source, target, Map.of());
    }

    /**
     * {@code known}: source folder → target folder of folders synced before; they keep their target, so a new
     * folder can never push an old one to another name (which would copy its messages again).
     */
    static List<Pair> plan(IMAPStore source, IMAPStore target, Map<String, String> known) throws MessagingException {
        char targetSeparator = target.getDefaultFolder().getSeparator();
        Map<Role, String> targetRoles = new EnumMap<>(Role.class);
        for (Folder f : target.getDefaultFolder().list("*")) {
            Role role = role((IMAPFolder) f, targetSeparator);
            if (role != null) {
                targetRoles.putIfAbsent(role, f.getFullName());
            }
        }
        Map<String, Role> sourceRoles = new java.util.HashMap<>();
        List<IMAPFolder> sourceFolders = new ArrayList<>();
        for (Folder f : source.getDefaultFolder().list("*")) {
            IMAPFolder folder = (IMAPFolder) f;
            sourceFolders.add(folder);
            Role role = role(folder, folder.getSeparator());
            if (role != null) {
                sourceRoles.putIfAbsent(folder.getFullName(), role);
            }
        }
        List<Pair> pairs = new ArrayList<>();
        for (IMAPFolder folder : sourceFolders) {
            if ((folder.getType() & Folder.HOLDS_MESSAGES) != 0) {
                pairs.add(new Pair(
                        folder, folder.getFullName(), targetName(folder, targetSeparator, sourceRoles, targetRoles)));
            }
        }
        // Parents before children, INBOX first: the order an operator reads a mailbox in.
        pairs.sort(Comparator.comparing((Pair p) -> !p.sourceName().equalsIgnoreCase("INBOX"))
                .thenComparing(Pair::sourceName));
        return distinctIgnoringCase(pairs, targetSeparator, known);
    }

    /**
     * Exchange Online's folder names ignore case, so "Projects" and "projects" of a case-sensitive source would
     * become one folder; the later one gets " (2)" (and its sub-folders move along with it).
     */
    static List<Pair> distinctIgnoringCase(List<Pair> pairs, char separator, Map<String, String> known) {
        Map<String, String> renamed = new java.util.HashMap<>();
        Set<String> taken = new java.util.HashSet<>();
        // By source folder: two source folders may be planned onto one name (Sent Items and Sent onto \Sent).
        Map<String, String> keep = new java.util.HashMap<>();
        for (Pair pair : pairs) {
            String before = known.get(pair.sourceName());
            if (before != null && taken.add(before.toLowerCase(Locale.ROOT))) {
                keep.put(pair.sourceName(), before);
            }
        }
        List<Pair> result = new ArrayList<>();
        for (Pair pair : pairs) {
            String kept = keep.get(pair.sourceName());
            if (kept != null) {
                if (!kept.equals(pair.targetName())) {
                    renamed.put(pair.targetName(), kept);
                }
                result.add(new Pair(pair.source(), pair.sourceName(), kept));
                continue;
            }
            String name = pair.targetName();
            for (Map.Entry<String, String> r : renamed.entrySet()) {
                if (name.startsWith(r.getKey() + separator)) {
                    name = r.getValue() + name.substring(r.getKey().length());
                }
            }
            String unique = name;
            for (int n = 2; taken.contains(unique.toLowerCase(Locale.ROOT)); n++) {
                unique = name + " (" + n + ")";
            }
            if (!unique.equals(name)) {
                renamed.put(pair.targetName(), unique);
            }
            taken.add(unique.toLowerCase(Locale.ROOT));
            result.add(new Pair(pair.source(), pair.sourceName(), unique));
        }
        return result;
    }

    private static String targetName(
            IMAPFolder folder, char targetSeparator, Map<String, Role> sourceRoles, Map<Role, String> targetRoles)
            throws MessagingException {
        char separator = folder.getSeparator();
        List<String> parts = split(folder.getFullName(), separator);
        StringBuilder name = new StringBuilder();
        int first = 1;
        String top = parts.get(0);
        Role role = sourceRoles.get(top);
        if (top.equalsIgnoreCase("INBOX")) {
            name.append("INBOX");
        } else if (role != null && targetRoles.containsKey(role)) {
            name.append(targetRoles.get(role));
        } else {
            first = 0;
        }
        for (int i = first; i < parts.size(); i++) {
            if (!name.isEmpty()) {
                name.append(targetSeparator);
            }
            // A source name holding the target's separator would otherwise become a hierarchy level.
            name.append(parts.get(i).replace(targetSeparator, '_'));
        }
        return name.toString();
    }

    /** Special-use attribute first; the well-known name only for top-level folders (or directly below INBOX). */
    private static Role role(IMAPFolder folder, char separator) throws MessagingException {
        String[] attributes = folder.getAttributes();
        for (Map.Entry<Role, String> e : ATTRIBUTES.entrySet()) {
            for (String attribute : attributes == null ? new String[0] : attributes) {
                if (attribute.equalsIgnoreCase(e.getValue())) {
                    return e.getKey();
                }
            }
        }
        List<String> parts = split(folder.getFullName(), separator);
        boolean topLevel =
                parts.size() == 1 || (parts.size() == 2 && parts.get(0).equalsIgnoreCase("INBOX"));
        String leaf = parts.get(parts.size() - 1).toLowerCase(Locale.ROOT);
        if (topLevel) {
            for (Map.Entry<Role, Set<String>> e : NAMES.entrySet()) {
                if (e.getValue().contains(leaf)) {
                    return e.getKey();
                }
            }
        }
        return null;
    }

    private static List<String> split(String fullName, char separator) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < fullName.length(); i++) {
            if (fullName.charAt(i) == separator) {
                parts.add(fullName.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(fullName.substring(start));
        return parts;
    }
}
