package io.mailferry.directory;

import java.util.List;

/**
 * What converting one on-premises mailbox to a mail-enabled user did: the entry, the mailbox attributes removed and
 * proxy addresses added by this run, and where the user's mail now goes. {@code alreadyConverted} means the entry
 * needed no change, so nothing was written.
 */
public record MailEnabledUserConversion(
        String dn,
        boolean alreadyConverted,
        List<String> removedAttributes,
        List<String> addedProxyAddresses,
        String targetAddress,
        List<String> proxyAddresses) {

    public MailEnabledUserConversion {
        removedAttributes = List.copyOf(removedAttributes);
        addedProxyAddresses = List.copyOf(addedProxyAddresses);
        proxyAddresses = List.copyOf(proxyAddresses);
    }
}
