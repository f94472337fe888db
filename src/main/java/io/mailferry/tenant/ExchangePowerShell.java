package io.mailferry.tenant;

import java.util.Locale;

/**
 * The Exchange Online PowerShell commands an administrator runs for Mailferry where Microsoft Graph cannot act: a
 * mail-enabled security group is created with {@code New-DistributionGroup -Type Security} (Graph can read such
 * groups, not create them). Values are single-quoted for PowerShell, so a name is never code.
 */
public final class ExchangePowerShell {
    private ExchangePowerShell() {}

    /**
     * {@code New-DistributionGroup -Type Security -Name 'Finance Team' -PrimarySmtpAddress 'financeteam@contoso.com'}:
     * the address is the name's letters, digits, dots, hyphens and underscores at {@code domain}, as Exchange derives
     * an alias. IllegalArgumentException (quoting the name) when the name is invalid (see
     * {@link TenantNames#groupName}), gives no address, or holds a backquote, which a form could not show unchanged.
     */
    public static String newSecurityGroup(String name, String domain) {
        String valid = TenantNames.groupName(name);
        if (valid.indexOf('`') >= 0) {
            throw new IllegalArgumentException(
                    "Security group name '" + valid + "' must not contain ` (PowerShell's escape character)");
        }
        return "New-DistributionGroup -Type Security -Name " + quoted(valid) + " -PrimarySmtpAddress "
                + quoted(TenantNames.address(alias(valid) + "@" + TenantNames.domain(domain)));
    }

    /** The name's ASCII letters, digits, {@code .-_}, lower-case, with no leading, trailing or doubled dot. */
    static String alias(String name) {
        String kept = name.replaceAll("[^A-Za-z0-9._-]", "")
                .replaceAll("\\.{2,}", ".")
                .replaceAll("^\\.|\\.$", "")
                .toLowerCase(Locale.ROOT);
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("Security group name '" + name + "' gives no e-mail address: it needs"
                    + " at least one letter A-Z or digit");
        }
        return kept;
    }

    /** A single-quoted PowerShell string: PowerShell takes the typographic quotes for quotes too. */
    static String quoted(String text) {
        return "'" + text.replaceAll("(['\u2018\u2019\u201A\u201B])", "$1$1") + "'";
    }
}
