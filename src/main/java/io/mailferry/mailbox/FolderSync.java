package io.mailferry.mailbox;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eclipse.angus.mail.iap.CommandFailedException;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings one target folder up to date with one source folder, within the slice's deadline. */
final class FolderSync {
    private static final Logger log = LoggerFactory.getLogger(FolderSync.class);
    private static final int FETCH_CHUNK = 100;

    static final class Counters {
        int copied;
        int flagsUpdated;
        int skipped;
        long bytes;
    }

    private final SyncStateStore state;
    private final long maxMessageSize;
    private final Instant deadline;
    private final Clock clock;
    private final Counters counters;

    FolderSync(SyncStateStore state, long maxMessageSize, Instant deadline, Clock clock, Counters counters) {
        this.state = state;
        this.maxMessageSize = maxMessageSize;
        this.deadline = deadline;
        this.clock = clock;
        this.counters = counters;
    }

    /** @return true when the folder is in sync, false when the deadline stopped it first */
    boolean sync(long mailboxId, IMAPFolder source, IMAPFolder target) throws MessagingException, IOException {
        source.open(Folder.READ_ONLY);
        try {
            target.open(Folder.READ_WRITE);
            try {
                return syncOpen(mailboxId, source, target);
            } finally {
                target.close(false);
            }
        } finally {
            source.close(false);
        }
    }

    private boolean syncOpen(long mailboxId, IMAPFolder source, IMAPFolder target)
            throws MessagingException, IOException {
        long sourceValidity = source.getUIDValidity();
        long targetValidity = target.getUIDValidity();
        SyncStateStore.FolderState folder = state.folder(mailboxId, source.getFullName());
        if (folder == null) {
            folder = state.createFolder(mailboxId, source.getFullName(), target.getFullName(), sourceValidity,
                    targetValidity);
        } else if (folder.sourceUidValidity() != sourceValidity
                || !Objects.equals(folder.targetUidValidity(), targetValidity)
                || !folder.targetFolder().equals(target.getFullName())) {
            log.info("UIDVALIDITY or target of {} changed; re-matching its messages by identity",
                    source.getFullName());
            folder = state.reset(folder, target.getFullName(), sourceValidity, targetValidity);
        }
        long folderId = folder.id();
        Map<Long, SyncStateStore.MappedMessage> mapped = state.mapped(folderId);
        Set<Long> skipped = state.skippedUids(folderId);
        FlagRules rules = new FlagRules(target.getPermanentFlags());

        Message[] all = source.getMessages();
        FetchProfile uidAndFlags = new FetchProfile();
        uidAndFlags.add(UIDFolder.FetchProfileItem.UID);
        uidAndFlags.add(FetchProfile.Item.FLAGS);
        source.fetch(all, uidAndFlags);

        TargetIndex index = TargetIndex.buildIfNeeded(target, mapped.values());
        List<IMAPMessage> pending = new ArrayList<>();
        for (Message m : all) {
            long uid = source.getUID(m);
            SyncStateStore.MappedMessage known = mapped.get(uid);
            if (known == null) {
                // Not "uid > last_source_uid": the map is the truth, so nothing can slip through a stale mark.
                if (!skipped.contains(uid)) {
                    pending.add((IMAPMessage) m);
                }
            } else {
                if (timeIsUp()) {
                    return false;
                }
                syncFlags(folderId, target, known, rules.canonical(m.getFlags()), rules);
            }
        }
        for (int from = 0; from < pending.size(); from += FETCH_CHUNK) {
            List<IMAPMessage> chunk = pending.subList(from, Math.min(pending.size(), from + FETCH_CHUNK));
            FetchProfile identity = new FetchProfile();
            identity.add(FetchProfile.Item.ENVELOPE);
            identity.add(FetchProfile.Item.SIZE);
            source.fetch(chunk.toArray(Message[]::new), identity);
            for (IMAPMessage message : chunk) {
                if (timeIsUp()) {
                    return false;
                }
                copy(folderId, source, target, targetValidity, message, index, rules);
            }
        }
        return true;
    }

    private void copy(long folderId, IMAPFolder source, IMAPFolder target, long targetValidity, IMAPMessage message,
                      TargetIndex index, FlagRules rules) throws MessagingException, IOException {
        long uid = source.getUID(message);
        try {
            MessageIdentity identity = MessageIdentity.of(message);
            String flags = rules.canonical(message.getFlags());
            if (identity.size() > maxMessageSize) {
                skip(folderId, uid, identity.size(), "Message of " + human(identity.size()) + " is larger than the "
                        + human(maxMessageSize) + " limit (mailferry.sync.max-message-size)");
                return;
            }
            boolean candidates = index != null && index.hasCandidates(identity);
            if (candidates && identity.hasMessageId()) {
                adopt(folderId, target, uid, index.takeByIdentity(identity), identity, flags);
                return;
            }
            try (RawMessage raw = RawMessage.download(message)) {
                Long existing = candidates ? index.takeByContent(identity, raw.sha256Digest()) : null;
                if (existing != null) {
                    adopt(folderId, target, uid, existing, identity, flags);
                    return;
                }
                AppendUID appended;
                java.util.Date internalDate = message.getReceivedDate();
                try {
                    appended = (AppendUID) target.doCommand(p -> p.appenduid(target.getFullName(),
                            FlagRules.parse(flags), internalDate, raw));
                } catch (MessagingException e) {
                    if (e.getCause() instanceof CommandFailedException refused) {
                        skip(folderId, uid, identity.size(), "The target refused the message: " + refused.getMessage());
                        return;
                    }
                    throw e;
                }
                Long targetUid = appended != null && appended.uidvalidity == targetValidity ? appended.uid : null;
                state.recordCopied(folderId, uid, targetUid, identity, flags);
                counters.copied++;
                counters.bytes += raw.length();
            }
        } catch (MessageRemovedException gone) {
            log.debug("Message UID {} of {} was expunged at the source while copying", uid, source.getFullName());
        }
    }

    /** A target message identical to this source message already exists: map it, and align its flags. */
    private void adopt(long folderId, IMAPFolder target, long sourceUid, long targetUid, MessageIdentity identity,
                       String flags) throws MessagingException {
        state.recordCopied(folderId, sourceUid, targetUid, identity, "?");
        syncFlags(folderId, target, new SyncStateStore.MappedMessage(sourceUid, targetUid, identity, "?"), flags,
                new FlagRules(target.getPermanentFlags()));
    }

    private void syncFlags(long folderId, IMAPFolder target, SyncStateStore.MappedMessage known, String desired,
                           FlagRules rules) throws MessagingException {
        if (desired.equals(known.flags()) || known.targetUid() == null) {
            return;
        }
        Message copy = target.getMessageByUID(known.targetUid());
        if (copy == null) {
            // Deleted in the target by its user; deleting or re-creating is not ours to decide.
            state.updateFlags(folderId, known.sourceUid(), desired);
            return;
        }
        Flags want = FlagRules.parse(desired);
        Flags have = FlagRules.parse(rules.canonical(copy.getFlags()));
        Flags add = FlagRules.difference(want, have);
        Flags remove = FlagRules.difference(have, want);
        if (!isEmpty(add)) {
            copy.setFlags(add, true);
        }
        if (!isEmpty(remove)) {
            copy.setFlags(remove, false);
        }
        state.updateFlags(folderId, known.sourceUid(), desired);
        if (!isEmpty(add) || !isEmpty(remove)) {
            counters.flagsUpdated++;
        }
    }

    private void skip(long folderId, long uid, long size, String reason) {
        state.recordSkipped(folderId, uid, size, reason);
        counters.skipped++;
    }

    /** Only after some work was done, so even a tiny budget moves the mailbox forward by at least one message. */
    private boolean timeIsUp() {
        boolean workDone = counters.copied + counters.skipped + counters.flagsUpdated > 0;
        return workDone && !clock.instant().isBefore(deadline);
    }

    private static boolean isEmpty(Flags flags) {
        return flags.getSystemFlags().length == 0 && flags.getUserFlags().length == 0;
    }

    private static String human(long bytes) {
        return bytes >= 1024 * 1024 ? String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0))
                : (bytes + 1023) / 1024 + " KB";
    }
}
