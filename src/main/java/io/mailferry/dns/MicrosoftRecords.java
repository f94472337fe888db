package io.mailferry.dns;

import java.util.Locale;

/**
 * The records Microsoft 365 asks a customer domain to publish. The admin center's "DNS records" page is the
 * authority: for some tenants it shows a different MX host (a numbered suffix, or the newer mx.microsoft
 * form), and then that value must be used instead.
 */
public final class MicrosoftRecords {
    public static final long TTL = 3600;
    /**
     * Seed "Reduce email delays": the MX TTL, in seconds, to lower to before the switch, an hour. Resolvers may keep
     * the old MX for as long as its TTL, so a longer one would delay mail to Microsoft 365 by that much.
     */
    public static final long RECOMMENDED_MX_TTL = 3600;

    public static final String AUTODISCOVER_TARGET = "autodiscover.outlook.com";
    /** What an SPF record includes so that mail Microsoft 365 sends for the domain passes SPF. */
    public static final String SPF_INCLUDE_DOMAIN = "spf.protection.outlook.com";

    private MicrosoftRecords() {}

    /** {@code contoso.com} → {@code contoso-com.mail.protection.outlook.com}. */
    public static String mxHost(String domain) {
        return bare(domain).toLowerCase(Locale.ROOT).replace('.', '-') + ".mail.protection.outlook.com";
    }

    public static DnsRecord mx(String domain) {
        return mx(domain, mxHost(domain));
    }

    /** The domain's one MX record, pointing at {@code host} (the tenant's MX target). */
    public static DnsRecord mx(String domain, String host) {
        return new DnsRecord(bare(domain), "MX", TTL, "0 " + host + ".");
    }

    public static DnsRecord autodiscover(String domain) {
        return new DnsRecord("autodiscover." + bare(domain), "CNAME", TTL, AUTODISCOVER_TARGET + ".");
    }

    /** {@code value} is the one the admin center shows, e.g. {@code MS=ms12345678}. */
    public static DnsRecord verificationTxt(String domain, String value) {
        return DnsRecord.txt(bare(domain), TTL, value);
    }

    private static String bare(String domain) {
        String trimmed = domain.trim();
        return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
