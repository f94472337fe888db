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
        Status status = (Status) folder.doCommand(
                p -> p.status(folder.getFullName(), p.hasCapability("CONDSTORE") ? ITEMS_CONDSTORE : ITEMS));
        return new SourceStatus(
                status.uidvalidity,
                status.uidnext,
                status.total,
                status.highestmodseq > 0 ? status.highestmodseq : null);
    }

    /**
     * The target folder's UIDVALIDITY by STATUS, or null when it is gone: an unchanged source proves nothing if the
     * target folder was deleted or re-created meanwhile.
     */
    static Long uidValidityOrNull(IMAPFolder folder) {
        try {
            Status status =
                    (Status) folder.doCommand(p -> p.status(folder.getFullName(), new String[] {"UIDVALIDITY"}));
            return status.uidvalidity;
        } catch (MessagingException gone) {
            return null;
        }
    }

    /**
     * UIDVALIDITY of every folder of a store in one round trip where the server has LIST-STATUS (RFC 5819), else
     * null (the caller then asks folder by folder). Names are as the folders' full names.
     */
    static java.util.Map<String, Long> allUidValidities(org.eclipse.angus.mail.imap.IMAPStore store)
            throws MessagingException {
        IMAPFolder root = (IMAPFolder) store.getDefaultFolder();
        @SuppressWarnings("unchecked")
        java.util.Map<String, Long> result = (java.util.Map<String, Long>) root.doCommand(p -> {
            if (!p.hasCapability("LIST-STATUS")) {
                return null;
            }
            org.eclipse.angus.mail.iap.Response[] responses =
                    p.command("LIST \"\" \"*\" RETURN (STATUS (UIDVALIDITY))", null);
            java.util.Map<String, Long> validities = new java.util.HashMap<>();
            java.util.List<org.eclipse.angus.mail.iap.Response> others = new java.util.ArrayList<>();
            for (int i = 0; i < responses.length - 1; i++) {
                if (responses[i] instanceof org.eclipse.angus.mail.imap.protocol.IMAPResponse r
                        && r.keyEquals("STATUS")) {
                    Status status = new Status(r);
                    validities.put(status.mbox, status.uidvalidity);
                } else if (!(responses[i] instanceof org.eclipse.angus.mail.imap.protocol.IMAPResponse r2
                        && r2.keyEquals("LIST"))) {
                    others.add(responses[i]);
                }
            }
            p.notifyResponseHandlers(others.toArray(org.eclipse.angus.mail.iap.Response[]::new));
            p.handleResult(responses[responses.length - 1]);
            return validities;
        });
        return result;
    }

    boolean provesUnchanged(SourceStatus now) {
        return highestModSeq != null && equals(now);
    }
}
