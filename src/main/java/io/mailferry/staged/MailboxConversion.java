package io.mailferry.staged;

import io.mailferry.directory.MailEnabledUserConversion;

/**
 * What task 8 did with one mailbox of a batch: converted it to a mail-enabled user (or found it converted), left it
 * alone because an operator left it out of the batch — its owner keeps using the on-premises mailbox — or held it
 * back because it has not finished migrating or Microsoft 365 reports no cloud mailbox of its own to send its user to.
 */
public record MailboxConversion(
        String address, MailEnabledUserConversion conversion, String skippedBecause, String notFinishedBecause) {

    static MailboxConversion converted(String address, MailEnabledUserConversion conversion) {
        return new MailboxConversion(address, conversion, null, null);
    }

    static MailboxConversion leftOut(String address) {
        return new MailboxConversion(address, null, "an operator left it out of the batch", null);
    }

    static MailboxConversion notFinished(String address, String because) {
        return new MailboxConversion(address, null, null, because);
    }

    public boolean converted() {
        return conversion != null;
    }

    /** Converted or left out: task 8 is done with this mailbox. */
    public boolean finished() {
        return notFinishedBecause == null;
    }

    /** One line for the history of the batch. */
    public String describe() {
        if (!finished()) {
            return address + ": not converted yet: " + notFinishedBecause;
        }
        if (!converted()) {
            return address + ": not converted, " + skippedBecause;
        }
        return address + (conversion.alreadyConverted() ? ": already a mail-enabled user" : ": converted")
                + ", mail goes to " + conversion.targetAddress();
    }
}
