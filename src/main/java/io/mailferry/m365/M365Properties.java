package io.mailferry.m365;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * {@code mailferry.m365.*}: which Microsoft 365 tenant, which Entra app and its credential (a certificate, PEM with
 * its key or PFX with {@code client-certificate-password}, or else a client secret from an environment variable),
 * the licence to assign ({@code licence-sku}, a {@code skuPartNumber} such as {@code EXCHANGESTANDARD}) and the
 * {@code usage-location} (ISO country code) licensed users need. The hosts default to Microsoft's; test rigs point
 * them at 127.0.0.1 and add their certificate with {@code trust-certificate-file} (trusted besides the JVM's own).
 * Every call to Microsoft has the connect and read timeouts below; throttled calls are retried at most
 * {@code max-retries} times, waiting as Microsoft asks but never longer than {@code max-retry-wait} at once.
 * {@link #toString()} shows neither the secret nor the certificate password.
 */
@ConfigurationProperties("mailferry.m365")
public record M365Properties(
        String tenantId,
        String clientId,
        Path clientCertificateFile,
        String clientCertificatePassword,
        String clientSecret,
        String licenceSku,
        String usageLocation,
        @DefaultValue("https://login.microsoftonline.com/") URI authority,
        @DefaultValue("https://graph.microsoft.com/v1.0") URI graphUrl,
        @DefaultValue("outlook.office365.com") String imapHost,
        @DefaultValue("993") int imapPort,
        Path trustCertificateFile,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("60s") Duration readTimeout,
        @DefaultValue("4") int maxRetries,
        @DefaultValue("60s") Duration maxRetryWait) {

    /** A tenant GUID or a domain name (contoso.onmicrosoft.com): it goes into the authority's path. */
    private static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}");

    private static final Pattern USAGE_LOCATION = Pattern.compile("[A-Z]{2}");

    @ConstructorBinding
    public M365Properties {
        tenantId = trimmed(tenantId);
        clientId = trimmed(clientId);
        clientSecret = StringUtils.hasText(clientSecret) ? clientSecret : null;
        licenceSku = trimmed(licenceSku);
        usageLocation = usageLocation == null ? null : trimmed(usageLocation.toUpperCase(Locale.ROOT));
        // @ConfigurationPropertiesScan binds these on every node; without a tenant they are not used, so not checked
        if (tenantId != null) {
            validate(tenantId, clientId, clientCertificateFile, clientSecret, usageLocation, authority, graphUrl);
            if (imapPort < 1 || imapPort > 65535) {
                throw new IllegalArgumentException("mailferry.m365.imap-port must be a TCP port, was " + imapPort);
            }
            requirePositive("connect-timeout", connectTimeout);
            requirePositive("read-timeout", readTimeout);
            requirePositive("max-retry-wait", maxRetryWait);
            if (maxRetries < 0 || maxRetries > 10) {
                throw new IllegalArgumentException("mailferry.m365.max-retries must be 0 to 10, was " + maxRetries);
            }
        }
    }

    private static void validate(
            String tenantId,
            String clientId,
            Path clientCertificateFile,
            String clientSecret,
            String usageLocation,
            URI authority,
            URI graphUrl) {
        if (!TENANT_ID.matcher(tenantId).matches()) {
            throw new IllegalArgumentException("mailferry.m365.tenant-id must be the tenant's ID (a GUID) or its"
                    + " contoso.onmicrosoft.com domain, was '" + tenantId + "'");
        }
        if (clientId == null) {
            throw new IllegalArgumentException("mailferry.m365.client-id is missing: set it to the Application"
                    + " (client) ID of Mailferry's app registration in Entra ID");
        }
        if ((clientCertificateFile == null) == (clientSecret == null)) {
            throw new IllegalArgumentException(
                    clientSecret == null
                            ? "Mailferry's app needs a credential: set mailferry.m365.client-certificate-file (preferred) or"
                                    + " mailferry.m365.client-secret"
                            : "Set either mailferry.m365.client-certificate-file or mailferry.m365.client-secret, not both");
        }
        if (usageLocation != null && !USAGE_LOCATION.matcher(usageLocation).matches()) {
            throw new IllegalArgumentException("mailferry.m365.usage-location must be a two-letter ISO 3166 country"
                    + " code such as DE or US, was '" + usageLocation + "'");
        }
        requireHttps("mailferry.m365.authority", authority, false);
        requireHttps("mailferry.m365.graph-url", graphUrl, true);
    }

    /** The authority msal4j asks for tokens: {@code https://login.microsoftonline.com/<tenant>/}. */
    String tenantAuthority() {
        String base = authority.toString();
        return (base.endsWith("/") ? base : base + "/") + tenantId + "/";
    }

    /**
     * Entra's own hosts answer msal4j's instance discovery; any other host (a test rig on 127.0.0.1) would be sent to
     * Microsoft to be looked up and refused, so discovery is off there.
     */
    boolean microsoftAuthority() {
        String host = authority.getHost().toLowerCase(Locale.ROOT);
        return host.equals("login.microsoftonline.com")
                || host.equals("login.microsoftonline.us")
                || host.equals("login.chinacloudapi.cn")
                || host.equals("login.partner.microsoftonline.cn");
    }

    @Override
    public String toString() {
        return "M365Properties[tenantId=" + tenantId + ", clientId=" + clientId + ", clientCertificateFile="
                + clientCertificateFile + ", clientCertificatePassword="
                + (clientCertificatePassword == null ? null : "***")
                + ", clientSecret=" + (clientSecret == null ? null : "***") + ", licenceSku=" + licenceSku
                + ", usageLocation=" + usageLocation + ", authority=" + authority + ", graphUrl=" + graphUrl
                + ", imapHost=" + imapHost + ", imapPort=" + imapPort + ", trustCertificateFile=" + trustCertificateFile
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", maxRetries=" + maxRetries
                + ", maxRetryWait=" + maxRetryWait + "]";
    }

    private static String trimmed(String value) {
        return StringUtils.hasText(value) ? value.trim() : null;
    }

    /**
     * Tokens travel to these URLs, so plain http is allowed for Graph only on this machine (a test rig), and never
     * for the authority (msal4j refuses it too).
     */
    private static void requireHttps(String name, URI url, boolean loopbackHttpAllowed) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException(name + " must be an https:// URL, was '" + url + "'");
        }
        if (scheme.equals("http") && !(loopbackHttpAllowed && loopback(url.getHost()))) {
            throw new IllegalArgumentException(
                    name + " must use https (plain http only towards 127.0.0.1, for tests)," + " was '" + url + "'");
        }
    }

    private static boolean loopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|\\[[0-9a-fA-F:]+]")) {
            return false; // a name: resolving it here would be a network call at startup
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("mailferry.m365." + name + " must be positive, was " + value);
        }
    }
}
