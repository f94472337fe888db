package io.mailferry.mailbox;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.Status;

/**
 * A source folder's STATUS: enough to prove it unchanged since the last pass without opening it. Only with CONDSTORE
 * (a HIGHESTMODSEQ) is that proof complete: without it, a flag change leaves every other number as it was.
 */
record SourceStatus(long uidValidity, long uidNext, long messages, Long highestModSeq) {
    private static final String[] ITEMS = {"MESSAGES", "UIDNEXT", "UIDVALIDITY"};
    private static final String[] ITEMS_CONDSTORE = {"MESSAGES", "UIDNEXT", "UIDVALIDITY", "HIGHESTMODSEQ"};

    static SourceStatus of(IMAPFolder folder) throws MessagingException {
        Status status = (Status) folder.doCommand(p -> p.status(folder.getFullName(),
                p.hasCapability("CONDSTORE") ? ITEMS_CONDSTORE : ITEMS));
        return new SourceStatus(status.uidvalidity, status.uidnext, status.total,
                status.highestmodseq > 0 ? status.highestmodseq : null);
    }

    /**
     * The target folder's UIDVALIDITY by STATUS, or null when it is gone: an unchanged source proves nothing if the
     * target folder was deleted or re-created meanwhile.
     */
    static Long uidValidityOrNull(IMAPFolder folder) {
        try {
            Status status = (Status) folder.doCommand(p -> p.status(folder.getFullName(), new String[] {"UIDVALIDITY"}));
            return status.uidvalidity;
        } catch (MessagingException gone) {
            return null;
        }
    }

    boolean provesUnchanged(SourceStatus now) {
        return highestModSeq != null && equals(now);
    }
}
