package io.mailferry.staged;

import io.mailferry.directory.MailEnabledUserConversion;

/**
 * What task 8 did with one mailbox of a batch: converted it to a mail-enabled user (or found it converted), or left
 * it alone because an operator left it out of the batch — its owner keeps using the on-premises mailbox.
 */
public record MailboxConversion(String address, MailEnabledUserConversion conversion, String skippedBecause) {

    public boolean converted() {
        return conversion != null;
    }

    /** One line for the history of the batch. */
    public String describe() {
        if (!converted()) {
            return address + ": not converted, " + skippedBecause;
        }
        return address + (conversion.alreadyConverted() ? ": already a mail-enabled user" : ": converted")
                + ", mail goes to " + conversion.targetAddress();
    }
}
