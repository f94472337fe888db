package io.mailferry.mailbox;

import jakarta.mail.MessagingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.iap.CommandFailedException;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * APPENDs a message with its flags and internal date, and reads the target's NO the way RFC 5530 means it:
 * <ul>
 *   <li>throttling ({@code Suggested Backoff Time: N milliseconds}, as Exchange Online answers a busy tenant): wait
 *   as asked and retry — unless the wait would pass the slice's deadline, then the slice ends and the next one
 *   continues (no job may outlive its lock);</li>
 *   <li>{@code [TRYCREATE]}: the target folder vanished meanwhile; create it again and retry once;</li>
 *   <li>a server-side condition ({@code [OVERQUOTA] [UNAVAILABLE] [SERVERBUG] [INUSE] [LIMIT]}, "Server Unavailable"):
 *   the slice fails and is retried later; skipping would lose every message that follows;</li>
 *   <li>anything else is the target refusing this one message, which the caller reports and moves past.</li>
 * </ul>
 */
final class TargetWriter {
    private static final Logger log = LoggerFactory.getLogger(TargetWriter.class);
    private static final Pattern SUGGESTED_BACKOFF =
            Pattern.compile("(?i)Suggested\\s+Backoff\\s+Time:\\s*(\\d+)\\s*" + "(milli)?seconds?");
    private static final int MAX_THROTTLED_ATTEMPTS = 8;
    private static final long MAX_BACKOFF_MS = 5 * 60 * 1000L;

    private static final Pattern TRANSIENT =
            Pattern.compile("(?i)\\[(OVERQUOTA|UNAVAILABLE|SERVERBUG|INUSE|LIMIT)\\]" + "|Server Unavailable");

    /** {@code later}: the target asked for a pause that ends after the slice's deadline. */
    record Outcome(AppendUID appended, String refusal, boolean later) {}

    private final FolderSync.Counters counters;
    private final java.time.Instant deadline;
    private final java.time.Clock clock;
    private final Sleeper sleeper;

    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    TargetWriter(FolderSync.Counters counters, java.time.Instant deadline, java.time.Clock clock) {
        this(counters, deadline, clock, Thread::sleep);
    }

    TargetWriter(FolderSync.Counters counters, java.time.Instant deadline, java.time.Clock clock, Sleeper sleeper) {
        this.counters = counters;
        this.deadline = deadline;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    Outcome append(IMAPFolder target, SourceReader.Fetched message) throws MessagingException {
        boolean recreated = false;
        for (int attempt = 1; ; attempt++) {
            try {
                return new Outcome(
                        (AppendUID) target.doCommand(p -> p.appenduid(
                                target.getFullName(),
                                FlagRules.parse(message.flags()),
                                message.internalDate(),
                                message.raw())),
                        null,
                        false);
            } catch (MessagingException e) {
                if (!(e.getCause() instanceof CommandFailedException refused)) {
                    throw e;
                }
                String reply = refused.getMessage() == null ? "" : refused.getMessage();
                Long backoff = suggestedBackoff(reply);
                if (backoff != null) {
                    if (attempt >= MAX_THROTTLED_ATTEMPTS) {
                        throw new MailboxSyncException(
                                "The target kept throttling " + target.getFullName() + " after " + attempt
                                        + " attempts; the next slice continues where this one stopped",
                                e);
                    }
                    if (clock.instant().plusMillis(backoff).isAfter(deadline)) {
                        log.info(
                                "Target throttles {} for {} ms, past this slice's end; the next slice continues",
                                target.getFullName(),
                                backoff);
                        return new Outcome(null, null, true);
                    }
                    counters.throttled++;
                    log.info(
                            "Target throttles APPEND to {}; waiting {} ms as it suggests",
                            target.getFullName(),
                            backoff);
                    pause(backoff);
                } else if (reply.toUpperCase(java.util.Locale.ROOT).contains("[TRYCREATE]") && !recreated) {
                    recreated = true;
                    // through the store: the open folder object itself may not create
                    target.getStore().getFolder(target.getFullName()).create(jakarta.mail.Folder.HOLDS_MESSAGES);
                } else if (TRANSIENT.matcher(reply).find()) {
                    throw new MailboxSyncException(
                            "The target cannot take messages into " + target.getFullName() + " now (" + reply
                                    + "); the next slice tries again",
                            e);
                } else {
                    return new Outcome(null, reply, false);
                }
            }
        }
    }

    /** The server's suggested wait in milliseconds, capped, or null when the reply is not a throttling one. */
    static Long suggestedBackoff(String reply) {
        if (reply == null) {
            return null;
        }
        Matcher m = SUGGESTED_BACKOFF.matcher(reply);
        if (!m.find()) {
            return null;
        }
        long value = Long.parseLong(m.group(1));
        long millis = m.group(2) == null ? value * 1000 : value;
        return Math.min(Math.max(millis, 1), MAX_BACKOFF_MS);
    }

    private void pause(long millis) {
        try {
            sleeper.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailboxSyncException("Interrupted while waiting out the target's throttling", e);
        }
    }
}
