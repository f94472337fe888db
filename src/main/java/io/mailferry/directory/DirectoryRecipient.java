package io.mailferry.directory;

import com.unboundid.ldap.sdk.Entry;
import java.util.List;

/**
 * A directory user as Exchange sees it: the addresses it answers to, where its mail is forwarded
 * ({@code targetAddress}, null if nowhere) and which mailbox attributes it still carries.
 */
public record DirectoryRecipient(
        String dn,
        String mail,
        String mailNickname,
        String legacyExchangeDn,
        String targetAddress,
        List<String> proxyAddresses,
        List<String> mailboxAttributes) {

    public DirectoryRecipient {
        proxyAddresses = List.copyOf(proxyAddresses);
        mailboxAttributes = List.copyOf(mailboxAttributes);
    }

    static DirectoryRecipient of(Entry entry) {
        return new DirectoryRecipient(
                entry.getDN(),
                entry.getAttributeValue("mail"),
                entry.getAttributeValue("mailNickname"),
                entry.getAttributeValue("legacyExchangeDN"),
                entry.getAttributeValue("targetAddress"),
                MailUserChanges.values(entry, "proxyAddresses"),
                MailUserChanges.MAILBOX_ATTRIBUTES.stream()
                        .filter(entry::hasAttribute)
                        .toList());
    }

    /** No mailbox on premises any more, and mail forwarded: what the seed's conversion leaves behind. */
    public boolean mailEnabledUser() {
        return mailboxAttributes.isEmpty() && targetAddress != null;
    }
}
