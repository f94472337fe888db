package io.mailferry.mailbox;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The sync engine for one mailbox: brings every folder of a signed-in target up to date with a signed-in source,
 * keeping its state under a mailbox id in our tables. The batch service and the command line both drive it.
 * A folder whose STATUS proves it unchanged since it was last in sync is not even opened.
 */
public final class MailboxSync {
    private static final Logger log = LoggerFactory.getLogger(MailboxSync.class);

    private final SyncStateStore state;
    private final long maxMessageSize;
    private final Clock clock;

    public MailboxSync(JdbcTemplate jdbc, long maxMessageSize, Clock clock) {
        this.state = new SyncStateStore(jdbc);
        this.maxMessageSize = maxMessageSize;
        this.clock = clock;
    }

    /** Copies until everything is in sync or {@code deadline} passes (checked between messages). */
    public SliceResult run(long mailboxId, IMAPStore source, IMAPStore target, Instant deadline) {
        FolderSync.Counters counters = new FolderSync.Counters();
        FolderSync folderSync = new FolderSync(state, maxMessageSize, deadline, clock, counters);
        boolean complete = true;
        String folderName = null;
        try {
            for (FolderPlan.Pair pair : FolderPlan.plan(source, target)) {
                folderName = pair.source().getFullName();
                SourceStatus before = SourceStatus.of(pair.source());
                SyncStateStore.FolderState known = state.folder(mailboxId, folderName);
                if (known != null && known.unchangedSince(before, pair.targetName())) {
                    counters.foldersUnchanged++;
                    continue;
                }
                IMAPFolder targetFolder = targetFolder(target, pair.targetName());
                if (!folderSync.sync(mailboxId, pair.source(), targetFolder, before)) {
                    complete = false;
                    break;
                }
            }
        } catch (MailboxSyncException e) {
            throw e;
        } catch (MessagingException | IOException | RuntimeException e) {
            throw new MailboxSyncException((folderName == null ? "Listing folders" : "Folder " + folderName)
                    + ": " + e.getMessage(), e);
        }
        log.debug("Mailbox {}: {} folders unchanged, {} copied, {} throttled", mailboxId, counters.foldersUnchanged,
                counters.copied, counters.throttled);
        return new SliceResult(complete, counters.copied, counters.flagsUpdated, counters.skipped, counters.bytes,
                counters.foldersUnchanged);
    }

    private static IMAPFolder targetFolder(IMAPStore target, String name) throws MessagingException {
        IMAPFolder folder = (IMAPFolder) target.getFolder(name);
        if (!folder.exists()) {
            if (!folder.create(Folder.HOLDS_MESSAGES)) {
                throw new MailboxSyncException("Cannot create folder '" + name + "' in the target mailbox");
            }
            try {
                folder.setSubscribed(true);
            } catch (MessagingException e) {
                log.debug("Target does not let us subscribe {}: {}", name, e.getMessage());
            }
        }
        return folder;
    }
}
