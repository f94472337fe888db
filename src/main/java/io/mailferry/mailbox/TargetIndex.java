package io.mailferry.mailbox;

import jakarta.mail.FetchProfile;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;

/**
 * Target messages that no source message is mapped to yet, by identity. They exist after a crash between APPEND
 * and the state write, after a UIDVALIDITY change, or when the target lacks UIDPLUS; adopting them instead of
 * appending again is what makes a re-run never copy a message twice.
 */
final class TargetIndex {
    private final IMAPFolder target;
    private final Map<MessageIdentity, Deque<Long>> unmapped = new HashMap<>();

    private TargetIndex(IMAPFolder target) {
        this.target = target;
    }

    /**
     * Null when every target message is already mapped, which keeps the common case free of a full scan.
     *
     * @param knownTargetUids the target UIDs of mapped messages, ascending
     */
    static TargetIndex buildIfNeeded(IMAPFolder target, long[] knownTargetUids) throws MessagingException {
        long highestKnown = knownTargetUids.length == 0 ? 0 : knownTargetUids[knownTargetUids.length - 1];
        // Counting alone misses unrecorded copies when the user deleted as many mapped ones; UIDNEXT does not.
        if (target.getMessageCount() <= knownTargetUids.length && target.getUIDNext() - 1 <= highestKnown) {
            return null;
        }
        Message[] all = target.getMessages();
        FetchProfile uids = new FetchProfile();
        uids.add(UIDFolder.FetchProfileItem.UID);
        target.fetch(all, uids);
        List<Message> candidates = new ArrayList<>();
        for (Message m : all) {
            if (Arrays.binarySearch(knownTargetUids, target.getUID(m)) < 0) {
                candidates.add(m);
            }
        }
        FetchProfile identity = new FetchProfile();
        identity.add(FetchProfile.Item.ENVELOPE);
        identity.add(FetchProfile.Item.SIZE);
        Message[] array = candidates.toArray(Message[]::new);
        target.fetch(array, identity);
        TargetIndex index = new TargetIndex(target);
        Arrays.sort(array, (a, b) -> Long.compare(uid(target, a), uid(target, b)));
        for (Message m : array) {
            index.unmapped
                    .computeIfAbsent(MessageIdentity.of((IMAPMessage) m), k -> new ArrayDeque<>())
                    .add(target.getUID(m));
        }
        return index;
    }

    /** For messages with a Message-ID: size, INTERNALDATE and Message-ID are enough. */
    Long takeByIdentity(MessageIdentity identity) {
        Deque<Long> uids = unmapped.get(identity);
        if (uids == null || uids.isEmpty()) {
            return null;
        }
        Long uid = uids.removeFirst();
        if (uids.isEmpty()) {
            unmapped.remove(identity);
        }
        return uid;
    }

    boolean hasCandidates(MessageIdentity identity) {
        return unmapped.containsKey(identity);
    }

    /** For messages without a Message-ID: also the content hash, which means reading the candidates. */
    Long takeByContent(MessageIdentity identity, byte[] sha256) throws MessagingException, IOException {
        Deque<Long> uids = unmapped.get(identity);
        if (uids == null) {
            return null;
        }
        for (Iterator<Long> it = uids.iterator(); it.hasNext(); ) {
            Long uid = it.next();
            IMAPMessage candidate = (IMAPMessage) target.getMessageByUID(uid);
            if (candidate != null && Arrays.equals(RawMessage.hashOf(candidate), sha256)) {
                it.remove();
                if (uids.isEmpty()) {
                    unmapped.remove(identity);
                }
                return uid;
            }
        }
        return null;
    }

    private static long uid(IMAPFolder folder, Message m) {
        try {
            return folder.getUID(m);
        } catch (MessagingException e) {
            throw new MailboxSyncException("Cannot read a UID in " + folder.getFullName() + ": " + e.getMessage(), e);
        }
    }
}
