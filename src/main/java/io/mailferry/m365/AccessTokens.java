package io.mailferry.m365;

import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.MsalServiceException;
import java.net.MalformedURLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * App-only access tokens of Mailferry's Entra app, one confidential client for both resources: Microsoft Graph (the
 * tenant operations) and Exchange Online (IMAP with XOAUTH2). A token is reused until five minutes before it expires,
 * then a new one is fetched; {@code fresh…Token()} fetches a new one at once, for a token the server has just
 * refused. Tokens are returned, never logged, and appear in no message. Nothing is fetched before the first call, so
 * a node starts while Entra ID is unreachable.
 * <p>
 * The reuse is kept here, in front of msal4j's own cache, because msal4j files a token under the authority's host
 * and looks it up under host and port: behind an authority with an explicit port (every test rig) its cache never
 * hits, and the rig would behave unlike Entra ID.
 */
public class AccessTokens {
    static final String GRAPH_SCOPE = "https://graph.microsoft.com/.default";
    static final String IMAP_SCOPE = "https://outlook.office365.com/.default";

    /** Entra's errors an administrator meets when setting Mailferry up, with what to do about each. */
    private static final Map<String, String> HINTS = Map.of(
            "AADSTS7000215",
            "the client secret is wrong: set mailferry.m365.client-secret to the secret's Value (not its ID)",
            "AADSTS7000222",
            "the client secret has expired: create a new one under Certificates & secrets",
            "AADSTS700027",
            "the certificate is not registered: upload its public part under the app's Certificates & secrets",
            "AADSTS700016",
            "no app with mailferry.m365.client-id exists in this tenant: check the Application (client) ID",
            "AADSTS90002",
            "the tenant does not exist: check mailferry.m365.tenant-id",
            "AADSTS500011",
            "the resource is not in the tenant: the tenant needs an Exchange Online subscription for IMAP");

    /** msal4j's margin too ({@code ACCESS_TOKEN_EXPIRE_BUFFER_IN_SEC}): no token is handed out with less left. */
    static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

    private final Map<String, IAuthenticationResult> cache = new ConcurrentHashMap<>();
    private final ConfidentialClientApplication application;
    private final String tenantAuthority;
    private final String clientId;
    private final String secret;
    private final Duration timeout;

    AccessTokens(M365Properties properties, IClientCredential credential, SSLContext sslContext) {
        this.tenantAuthority = properties.tenantAuthority();
        this.clientId = properties.clientId();
        this.secret = properties.clientSecret();
        // one request for instance discovery, one for the token, each within both timeouts, and a margin
        this.timeout = properties
                .connectTimeout()
                .plus(properties.readTimeout())
                .multipliedBy(2)
                .plusSeconds(5);
        try {
            ConfidentialClientApplication.Builder builder = ConfidentialClientApplication.builder(clientId, credential)
                    .authority(tenantAuthority)
                    .instanceDiscovery(properties.microsoftAuthority())
                    .connectTimeoutForDefaultHttpClient(
                            Math.toIntExact(properties.connectTimeout().toMillis()))
                    .readTimeoutForDefaultHttpClient(
                            Math.toIntExact(properties.readTimeout().toMillis()))
                    .logPii(false);
            if (sslContext != null) {
                builder.sslSocketFactory(sslContext.getSocketFactory());
            }
            this.application = builder.build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "mailferry.m365.authority gives the unusable authority " + tenantAuthority + ": " + e.getMessage(),
                    e);
        }
    }

    /** A token for Microsoft Graph, from the cache while it has more than five minutes left. */
    public String graphToken() {
        return token(GRAPH_SCOPE, "Microsoft Graph", false);
    }

    /** A token for Exchange Online IMAP ({@code IMAP.AccessAsApp}), from the cache like {@link #graphToken()}. */
    public String imapToken() {
        return token(IMAP_SCOPE, "Exchange Online", false);
    }

    /** A new Graph token from Entra ID, for when Graph refused the cached one. */
    public String freshGraphToken() {
        return token(GRAPH_SCOPE, "Microsoft Graph", true);
    }

    /** A new Exchange Online token from Entra ID, for when the IMAP server refused or dropped the cached one. */
    public String freshImapToken() {
        return token(IMAP_SCOPE, "Exchange Online", true);
    }

    private String token(String scope, String resource, boolean fresh) {
        IAuthenticationResult cached = fresh ? null : cache.get(scope);
        if (cached != null
                && cached.expiresOnDate().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE))) {
            return cached.accessToken();
        }
        IAuthenticationResult acquired = acquire(scope, resource, fresh);
        cache.put(scope, acquired);
        return acquired.accessToken();
    }

    private IAuthenticationResult acquire(String scope, String resource, boolean fresh) {
        Future<IAuthenticationResult> result =
                application.acquireToken(ClientCredentialParameters.builder(Set.of(scope))
                        .skipCache(fresh)
                        .build());
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(resource, "interrupted", e);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw failure(resource, "no answer within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw failure(resource, describe(cause), cause);
        }
    }

    private String describe(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof MsalServiceException service && service.errorCode() != null) {
            String hint = HINTS.entrySet().stream()
                    .filter(h -> message.contains(h.getKey()))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
            return service.errorCode() + ": " + firstLine(message) + (hint == null ? "" : " → " + hint);
        }
        if (message.contains("PKIX") || message.contains("certificat")) {
            return firstLine(message) + " → the server's TLS certificate is not trusted; for a test rig set"
                    + " mailferry.m365.trust-certificate-file";
        }
        return cause.getClass().getSimpleName() + ": " + firstLine(message);
    }

    private M365AuthenticationException failure(String resource, String why, Throwable cause) {
        String message = "Could not get an access token for " + resource + " from " + tenantAuthority + " (app "
                + clientId + "): " + why;
        return new M365AuthenticationException(secret == null ? message : message.replace(secret, "***"), cause);
    }

    /** Entra appends trace and correlation IDs on further lines; the first line says what is wrong. */
    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }

    @Override
    public String toString() {
        return "AccessTokens[authority=" + tenantAuthority + ", clientId=" + clientId + "]";
    }
}
