package io.mailferry.directory;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The changes that turn one directory entry from an on-premises mailbox into a mail-enabled user, worked out from
 * the entry as read. The result is what the seed's conversion scripts (Exchange2003MBtoMEU.vbs,
 * Exchange2007MBtoMEU.ps1) leave behind: the mailbox attributes gone; {@code targetAddress} the cloud address;
 * {@code mail}, {@code mailNickname}, {@code legacyExchangeDN}, {@code msExchMailboxGuid} and every proxy address
 * kept; the old legacyExchangeDN added as an X500 proxy, so replies to old mail still arrive; the email address
 * policy off, so it cannot rewrite the kept addresses. No changes when the entry already looks like that.
 */
final class MailUserChanges {
    /**
     * What disabling a mailbox takes away: where it lived and its store limits, its permissions, the address policy
     * it was in, mailbox-only flags. Not msExchMailboxGuid: the scripts write it back (for offboarding) and the seed
     * lists it among what the mail-enabled user must carry.
     */
    static final List<String> MAILBOX_ATTRIBUTES = List.of(
            "homeMDB",
            "homeMTA",
            "msExchHomeServerName",
            "mDBUseDefaults",
            "mDBStorageQuota",
            "mDBOverQuotaLimit",
            "mDBOverHardQuotaLimit",
            "deletedItemFlags",
            "garbageCollPeriod",
            "msExchMailboxSecurityDescriptor",
            "msExchPoliciesIncluded",
            "msExchUserAccountControl",
            "msExchUserCulture");
    /** Exchange 2007 and later record the kind of recipient here (a mailbox: 1 and 0 or 1073741824); 2003 does not. */
    private static final List<Map.Entry<String, String>> MAIL_USER_TYPE = List.of(
            Map.entry("msExchRecipientTypeDetails", "128"), // MailUser
            Map.entry("msExchRecipientDisplayType", "6")); // RemoteMailUser
    /** The value by which Exchange marks "email address policy off" (the scripts' "disable RUS"). */
    static final String NO_ADDRESS_POLICY = "{26491CFC-9E50-4857-861B-0CB8DF22B5D7}";
    /** Everything the conversion and {@link DirectoryRecipient} look at. */
    static final String[] READ = Stream.concat(
                    Stream.of(
                            "mail",
                            "mailNickname",
                            "legacyExchangeDN",
                            "targetAddress",
                            "proxyAddresses",
                            "msExchPoliciesExcluded",
                            "msExchRecipientTypeDetails",
                            "msExchRecipientDisplayType"),
                    MAILBOX_ATTRIBUTES.stream())
            .toArray(String[]::new);

    private final String dn;
    private final List<Modification> modifications = new ArrayList<>();
    private final List<String> removed = new ArrayList<>();
    private final List<String> addedProxies = new ArrayList<>();
    private final List<String> proxies;
    private final String targetAddress;

    /** {@code cloudAddress} as {@link #smtpAddress} returns it. */
    MailUserChanges(Entry entry, String cloudAddress) {
        dn = entry.getDN();
        for (String name : MAILBOX_ATTRIBUTES) {
            if (entry.hasAttribute(name)) {
                removed.add(name);
                modifications.add(new Modification(ModificationType.DELETE, name));
            }
        }
        for (Map.Entry<String, String> type : MAIL_USER_TYPE) {
            String current = entry.getAttributeValue(type.getKey());
            if (current != null && !current.equals(type.getValue())) {
                modifications.add(new Modification(ModificationType.REPLACE, type.getKey(), type.getValue()));
            }
        }
        String current = entry.getAttributeValue("targetAddress");
        if (("SMTP:" + cloudAddress).equalsIgnoreCase(current)) {
            targetAddress = current;
        } else {
            targetAddress = "SMTP:" + cloudAddress;
            modifications.add(new Modification(ModificationType.REPLACE, "targetAddress", targetAddress));
        }
        proxies = new ArrayList<>(values(entry, "proxyAddresses"));
        addProxyIfMissing("smtp:" + cloudAddress);
        String legacyDn = entry.getAttributeValue("legacyExchangeDN");
        if (legacyDn != null) {
            addProxyIfMissing("x500:" + legacyDn);
        }
        if (!addedProxies.isEmpty()) {
            modifications.add(
                    new Modification(ModificationType.ADD, "proxyAddresses", addedProxies.toArray(String[]::new)));
        }
        if (!containsIgnoringCase(values(entry, "msExchPoliciesExcluded"), NO_ADDRESS_POLICY)) {
            modifications.add(new Modification(ModificationType.ADD, "msExchPoliciesExcluded", NO_ADDRESS_POLICY));
        }
    }

    /** Exchange compares proxy addresses without regard to case; so does the directory, which refuses a duplicate. */
    private void addProxyIfMissing(String proxy) {
        if (!containsIgnoringCase(proxies, proxy)) {
            proxies.add(proxy);
            addedProxies.add(proxy);
        }
    }

    private static boolean containsIgnoringCase(List<String> values, String value) {
        return values.stream().anyMatch(value::equalsIgnoreCase);
    }

    static List<String> values(Entry entry, String attribute) {
        String[] values = entry.getAttributeValues(attribute);
        return values == null ? List.of() : List.of(values);
    }

    /**
     * {@code user@tenant.onmicrosoft.com} from that or from {@code SMTP:user@…} (any case); anything else is refused,
     * naming the value and the user it was meant for.
     */
    static String smtpAddress(String value, String forAddress) {
        String address = value == null ? "" : value.trim();
        if (address.regionMatches(true, 0, "smtp:", 0, 5)) {
            address = address.substring(5);
        }
        int at = address.indexOf('@');
        boolean valid = at > 0
                && at == address.lastIndexOf('@')
                && address.indexOf('.', at) > at + 1
                && !address.endsWith(".")
                && address.chars().noneMatch(c -> Character.isWhitespace(c) || c == ':');
        if (!valid) {
            throw new IllegalArgumentException("Cloud address '" + value + "' for " + forAddress
                    + " is not an SMTP address (expected user@tenant.onmicrosoft.com"
                    + " or SMTP:user@tenant.onmicrosoft.com)");
        }
        return address;
    }

    boolean isEmpty() {
        return modifications.isEmpty();
    }

    List<Modification> modifications() {
        return modifications;
    }

    MailEnabledUserConversion result() {
        return new MailEnabledUserConversion(dn, isEmpty(), removed, addedProxies, targetAddress, proxies);
    }
}
