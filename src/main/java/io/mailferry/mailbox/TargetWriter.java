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
 * APPENDs a message with its flags and internal date. A throttling reply is honoured: Exchange Online answers
 * {@code NO ... Suggested Backoff Time: N milliseconds} when a tenant is busy, and asks to be retried after that
 * long; any other NO is the target refusing this one message, which the caller reports and moves past.
 */
final class TargetWriter {
    private static final Logger log = LoggerFactory.getLogger(TargetWriter.class);
    private static final Pattern SUGGESTED_BACKOFF = Pattern.compile("(?i)Suggested\\s+Backoff\\s+Time:\\s*(\\d+)\\s*"
            + "(milli)?seconds?");
    private static final int MAX_THROTTLED_ATTEMPTS = 8;
    private static final long MAX_BACKOFF_MS = 5 * 60 * 1000L;

    record Outcome(AppendUID appended, String refusal) {}

    private final FolderSync.Counters counters;
    private final Sleeper sleeper;

    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    TargetWriter(FolderSync.Counters counters) {
        this(counters, Thread::sleep);
    }

    TargetWriter(FolderSync.Counters counters, Sleeper sleeper) {
        this.counters = counters;
        this.sleeper = sleeper;
    }

    Outcome append(IMAPFolder target, SourceReader.Fetched message) throws MessagingException {
        for (int attempt = 1; ; attempt++) {
            try {
                return new Outcome((AppendUID) target.doCommand(p -> p.appenduid(target.getFullName(),
                        FlagRules.parse(message.flags()), message.internalDate(), message.raw())), null);
            } catch (MessagingException e) {
                if (!(e.getCause() instanceof CommandFailedException refused)) {
                    throw e;
                }
                Long backoff = suggestedBackoff(refused.getMessage());
                if (backoff == null) {
                    return new Outcome(null, refused.getMessage());
                }
                if (attempt >= MAX_THROTTLED_ATTEMPTS) {
                    throw new MailboxSyncException("The target kept throttling " + target.getFullName() + " after "
                            + attempt + " attempts; the next slice continues where this one stopped", e);
                }
                counters.throttled++;
                log.info("Target throttles APPEND to {}; waiting {} ms as it suggests", target.getFullName(), backoff);
                pause(backoff);
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
