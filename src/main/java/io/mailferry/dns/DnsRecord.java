package io.mailferry.dns;

/**
 * A record to publish, shown to the operator and usable as is in a zone file.
 *
 * @param name  owner name without trailing dot, e.g. {@code contoso.com}
 * @param type  MX, CNAME, TXT, …
 * @param ttl   seconds
 * @param value the record data in zone-file form: {@code 0 host.} for MX, {@code target.} for CNAME,
 *              {@code "text"} (quoted) for TXT
 */
public record DnsRecord(String name, String type, long ttl, String value) {

    /** A TXT record with {@code text} quoted as a zone file writes it, quotes and backslashes escaped. */
    public static DnsRecord txt(String name, long ttl, String text) {
        return new DnsRecord(name, "TXT", ttl, '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
    }

    /** e.g. {@code contoso.com. 3600 IN MX 0 contoso-com.mail.protection.outlook.com.} */
    public String zoneFileLine() {
        return name + ". " + ttl + " IN " + type + " " + value;
    }

    /** The value as a provider's web form wants it: TXT without quotes, host names without the trailing dot. */
    public String formValue() {
        if (value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2) {
            return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
    }
}
