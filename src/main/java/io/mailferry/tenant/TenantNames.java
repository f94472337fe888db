package io.mailferry.tenant;

import java.util.Locale;
import java.util.regex.Pattern;

/** Validation and normalisation of the names the tenant accepts, with messages an operator can act on. */
public final class TenantNames {
    private static final Pattern DOMAIN =
            Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    /** RFC 5322 dot-atom: no leading, trailing or doubled dot (Exchange refuses those too). */
    private static final Pattern LOCAL_PART =
            Pattern.compile("(?=.{1,64}$)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    /** Exchange rejects these in a group's name and alias; a space is fine in the name. */
    private static final String GROUP_FORBIDDEN = "@()\\[]\";:<>,";

    private static final int GROUP_MAX = 64;

    private TenantNames() {}

    /** The domain, trimmed and lower-case; IllegalArgumentException (quoting it) when it is not a host name. */
    public static String domain(String domain) {
        String normalised = domain == null ? "" : domain.trim().toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(normalised).matches()) {
            throw new IllegalArgumentException(
                    "'" + domain + "' is not a valid domain name (expected e.g. contoso.com)");
        }
        return normalised;
    }

    /** The address, trimmed and lower-case; IllegalArgumentException (quoting it) when it is not valid. */
    public static String address(String address) {
        String normalised = address == null ? "" : address.trim().toLowerCase(Locale.ROOT);
        int at = normalised.lastIndexOf('@');
        if (at <= 0 || !LOCAL_PART.matcher(normalised.substring(0, at)).matches()) {
            throw new IllegalArgumentException("'" + address + "' is not a valid e-mail address");
        }
        domain(normalised.substring(at + 1));
        return normalised;
    }

    /** The group's name, trimmed; IllegalArgumentException (quoting it) when Exchange would refuse it. */
    public static String groupName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A security group needs a name");
        }
        String trimmed = name.trim();
        if (trimmed.length() > GROUP_MAX) {
            throw new IllegalArgumentException(
                    "Security group name '" + trimmed + "' is longer than " + GROUP_MAX + " characters");
        }
        for (char c : trimmed.toCharArray()) {
            if (GROUP_FORBIDDEN.indexOf(c) >= 0 || Character.isISOControl(c)) {
                throw new IllegalArgumentException("Security group name '" + trimmed.replaceAll("\\p{Cntrl}", "?")
                        + "' must not contain any of " + GROUP_FORBIDDEN + " or control characters");
            }
        }
        return trimmed;
    }
}
