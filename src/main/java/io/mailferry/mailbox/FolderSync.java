package io.mailferry.mailbox;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings one target folder up to date with one source folder, within the slice's deadline. */
final class FolderSync {
    private static final Logger log = LoggerFactory.getLogger(FolderSync.class);
    /** Map entries are written in groups; a crash loses at most these, and the next run adopts them by identity. */
    private static final int RECORD_BATCH = 200;

    static final class Counters {
        int copied;
        int flagsUpdated;
        int skipped;
        int foldersUnchanged;
        int throttled;
        int deleted;
        long bytes;

        void add(Counters other) {
            copied += other.copied;
            flagsUpdated += other.flagsUpdated;
            skipped += other.skipped;
            foldersUnchanged += other.foldersUnchanged;
            throttled += other.throttled;
            deleted += other.deleted;
            bytes += other.bytes;
        }
    }

    private final SyncStateStore state;
    private final SyncOptions options;
    private final Instant deadline;
    private final Clock clock;
    private final Counters counters;
    private final TargetWriter writer;

    private final java.util.function.BooleanSupplier stopRequested;
    /** A message neither copied nor skipped nor known to be expunged: the folder must not count as in sync. */
    private boolean unaccounted;

    FolderSync(
            SyncStateStore state,
            SyncOptions options,
            Instant deadline,
            Clock clock,
            Counters counters,
            java.util.function.BooleanSupplier stopRequested) {
        this.state = state;
        this.options = options;
        this.deadline = deadline;
        this.clock = clock;
        this.counters = counters;
        this.stopRequested = stopRequested;
        this.writer = new TargetWriter(counters, deadline, clock);
    }

    /**
     * @param before the source folder's STATUS taken before this pass touched it, or null if unknown
     * @return true when the folder is in sync, false when the deadline stopped it first
     */
    boolean sync(long mailboxId, IMAPFolder source, IMAPFolder target, SourceStatus before)
            throws MessagingException, IOException {
        source.open(Folder.READ_ONLY);
        try {
            target.open(Folder.READ_WRITE);
            try {
                return syncOpen(mailboxId, source, target, before);
            } finally {
                target.close(false);
            }
        } finally {
            source.close(false);
        }
    }

    private boolean syncOpen(long mailboxId, IMAPFolder source, IMAPFolder target, SourceStatus before)
            throws MessagingException, IOException {
        unaccounted = false;
        long sourceValidity = source.getUIDValidity();
        long targetValidity = target.getUIDValidity();
        SyncStateStore.FolderState folder = state.folder(mailboxId, source.getFullName());
        if (folder == null) {
            folder = state.createFolder(
                    mailboxId, source.getFullName(), target.getFullName(), sourceValidity, targetValidity);
        } else if (folder.sourceUidValidity() != sourceValidity
                || !Objects.equals(folder.targetUidValidity(), targetValidity)
                || !folder.targetFolder().equals(target.getFullName())) {
            log.info("UIDVALIDITY or target of {} changed; re-matching its messages by identity", source.getFullName());
            folder = state.reset(folder, target.getFullName(), sourceValidity, targetValidity);
        } else if (folder.inSyncAt() != null) {
            state.clearInSync(folder.id());
        }
        long folderId = folder.id();
        MessageMap mapped = state.messageMap(folderId);
        Set<Long> skipped = state.skippedUids(folderId);
        FlagRules rules = new FlagRules(target.getPermanentFlags());

        // Mirroring deletions needs every source UID, to see which mapped ones are gone.
        SourceComparison compared =
                SourceComparison.of(source, folder.inSyncAt(), options.mirrorDeletions(), mapped, skipped, rules);
        if (options.mirrorDeletions()) {
            mirrorDeletions(folderId, target, compared, mapped);
        }
        for (SourceComparison.FlagChange change : compared.flagChanges()) {
            if (timeIsUp()) {
                return false;
            }
            int entry = change.entry();
            syncFlags(
                    folderId,
                    target,
                    mapped.sourceUid(entry),
                    mapped.targetUid(entry),
                    mapped.flags(entry),
                    change.desired(),
                    rules);
        }
        List<IMAPMessage> pending = messages(source, compared.newUids());
        // Only a message about to be copied can need adopting; new mail delivered to the target is not scanned for.
        TargetIndex index = pending.isEmpty() ? null : TargetIndex.buildIfNeeded(target, mapped.knownTargetUids());
        if (!copyAll(folderId, source, target, targetValidity, pending, index, rules)) {
            return false;
        }
        if (before != null && before.uidValidity() == sourceValidity && !unaccounted) {
            state.markInSync(folderId, before);
        }
        return true;
    }

    /** The new source messages to copy, in UID order; one that is gone meanwhile is left out. */
    private static List<IMAPMessage> messages(IMAPFolder source, long[] uids) throws MessagingException {
        List<IMAPMessage> messages = new ArrayList<>(uids.length);
        if (uids.length == 0) {
            return messages;
        }
        for (Message m : source.getMessagesByUID(uids)) {
            if (m != null) {
                messages.add((IMAPMessage) m);
            }
        }
        return messages;
    }

    /** Expunges from the target what was expunged at the source since it was copied (only if configured). */
    private void mirrorDeletions(long folderId, IMAPFolder target, SourceComparison source, MessageMap mapped)
            throws MessagingException {
        List<Long> goneTargetUids = new ArrayList<>();
        for (int i = 0; i < mapped.size(); i++) {
            if (mapped.isForgotten(i) || source.present(mapped.sourceUid(i))) {
                continue;
            }
            if (mapped.targetUid(i) != null) {
                goneTargetUids.add(mapped.targetUid(i));
            }
            state.forget(folderId, mapped.sourceUid(i));
            mapped.forget(i);
            counters.deleted++;
        }
        if (goneTargetUids.isEmpty()) {
            return;
        }
        List<Message> gone = new ArrayList<>();
        for (Message copy : target.getMessagesByUID(
                goneTargetUids.stream().mapToLong(Long::longValue).toArray())) {
            if (copy != null) {
                gone.add(copy);
            }
        }
        if (gone.isEmpty()) {
            return;
        }
        Message[] doomed = gone.toArray(Message[]::new);
        target.setFlags(doomed, new Flags(Flags.Flag.DELETED), true);
        if (target.doCommand(p -> p.hasCapability("UIDPLUS")) == Boolean.TRUE) {
            // UID EXPUNGE: only these messages, never one the user had marked deleted in Microsoft 365.
            target.expunge(doomed);
        } else {
            log.info(
                    "{} lacks UIDPLUS: {} messages deleted at the source are only marked \\Deleted in {}",
                    target.getStore(),
                    doomed.length,
                    target.getFullName());
        }
    }

    private boolean copyAll(
            long folderId,
            IMAPFolder source,
            IMAPFolder target,
            long targetValidity,
            List<IMAPMessage> pending,
            TargetIndex index,
            FlagRules rules)
            throws MessagingException, IOException {
        if (pending.isEmpty()) {
            return true;
        }
        List<SyncStateStore.Copied> unrecorded = new ArrayList<>();
        try (SourceReader reader = new SourceReader(source, pending, rules, options.maxMessageSize()).start()) {
            while (true) {
                if (timeIsUp()) {
                    return false;
                }
                SourceReader.Fetched next = reader.next();
                if (next == null) {
                    return true;
                }
                boolean goOn;
                try {
                    goOn = copy(folderId, target, targetValidity, next, index, rules, unrecorded);
                } finally {
                    reader.done(next);
                }
                if (!goOn) {
                    return false;
                }
                if (unrecorded.size() >= RECORD_BATCH) {
                    record(folderId, unrecorded);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailboxSyncException("Interrupted while copying " + source.getFullName(), e);
        } finally {
            record(folderId, unrecorded);
        }
    }

    /** @return false when the target asked to be left alone past this slice's deadline (throttling) */
    private boolean copy(
            long folderId,
            IMAPFolder target,
            long targetValidity,
            SourceReader.Fetched message,
            TargetIndex index,
            FlagRules rules,
            List<SyncStateStore.Copied> unrecorded)
            throws MessagingException, IOException {
        if (message.skipReason() != null) {
            skip(folderId, message.uid(), message.identity().size(), message.skipReason());
            return true;
        }
        if (message.raw() == null) {
            log.debug("Message UID {} was not returned by the source (expunged meanwhile?)", message.uid());
            unaccounted = true;
            return true;
        }
        MessageIdentity identity = message.identity();
        if (index != null && index.hasCandidates(identity)) {
            Long existing = identity.hasMessageId()
                    ? index.takeByIdentity(identity)
                    : index.takeByContent(identity, message.raw().sha256Digest());
            if (existing != null) {
                record(folderId, unrecorded);
                adopt(folderId, target, message.uid(), existing, identity, message.flags(), rules);
                return true;
            }
        }
        TargetWriter.Outcome outcome = writer.append(target, message);
        if (outcome.later()) {
            return false;
        }
        if (outcome.refusal() != null) {
            skip(folderId, message.uid(), identity.size(), "The target refused the message: " + outcome.refusal());
            return true;
        }
        AppendUID appended = outcome.appended();
        Long targetUid = appended != null && appended.uidvalidity == targetValidity ? appended.uid : null;
        unrecorded.add(new SyncStateStore.Copied(message.uid(), targetUid, identity, message.flags()));
        counters.copied++;
        counters.bytes += message.raw().length();
        return true;
    }

    private void record(long folderId, List<SyncStateStore.Copied> unrecorded) {
        state.recordCopied(folderId, unrecorded);
        unrecorded.clear();
    }

    /** A target message identical to this source message already exists: map it, and align its flags. */
    private void adopt(
            long folderId,
            IMAPFolder target,
            long sourceUid,
            long targetUid,
            MessageIdentity identity,
            String flags,
            FlagRules rules)
            throws MessagingException {
        state.recordCopied(folderId, sourceUid, targetUid, identity, "?");
        syncFlags(folderId, target, sourceUid, targetUid, "?", flags, rules);
    }

    /** Aligns the target copy's flags with {@code desired} where they differ from what was last written. */
    private void syncFlags(
            long folderId,
            IMAPFolder target,
            long sourceUid,
            Long targetUid,
            String written,
            String desired,
            FlagRules rules)
            throws MessagingException {
        if (desired.equals(written) || targetUid == null) {
            return;
        }
        Message copy = target.getMessageByUID(targetUid);
        if (copy == null) {
            // Deleted in the target by its user; deleting or re-creating is not ours to decide.
            state.updateFlags(folderId, sourceUid, desired);
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
        state.updateFlags(folderId, sourceUid, desired);
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
        if (stopRequested.getAsBoolean()) {
            return true;
        }
        boolean workDone = counters.copied + counters.skipped + counters.flagsUpdated > 0;
        return workDone && !clock.instant().isBefore(deadline);
    }

    private static boolean isEmpty(Flags flags) {
        return flags.getSystemFlags().length == 0 && flags.getUserFlags().length == 0;
    }
}
