package io.mailferry.m365;

import io.mailferry.mailbox.ImapSecurity;
import io.mailferry.mailbox.ImapServer;
import io.mailferry.mailbox.MailboxSyncException;
import io.mailferry.mailbox.XOAuth2Access;
import java.security.NoSuchAlgorithmException;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Exchange Online's IMAP for the mailbox code: {@code mailferry.m365.imap-host}/{@code imap-port} with TLS, the app's
 * IMAP tokens, and, when the server refuses one, what an administrator has to fix — read from the token itself.
 */
final class ExchangeOnlineImap implements XOAuth2Access {
    private final ImapServer server;
    private final AccessTokens tokens;
    private final SSLContext sslContext;
    private final String clientId;

    ExchangeOnlineImap(M365Properties properties, AccessTokens tokens, SSLContext sslContext) {
        this.server = new ImapServer(properties.imapHost(), properties.imapPort(), ImapSecurity.TLS);
        this.tokens = tokens;
        this.clientId = properties.clientId();
        try {
            this.sslContext = sslContext != null ? sslContext : SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM offers no TLS: " + e.getMessage(), e);
        }
    }

    @Override
    public ImapServer server() {
        return server;
    }

    @Override
    public SSLContext sslContext() {
        return sslContext;
    }

    @Override
    public String token() {
        return fetched(tokens::imapToken);
    }

    @Override
    public String renewedToken() {
        return fetched(tokens::freshImapToken);
    }

    /** No token means no sign-in: a technical fault the sync retries, with Entra's reason (no secret, no token). */
    private static String fetched(Supplier<String> token) {
        try {
            return token.get();
        } catch (M365AuthenticationException e) {
            throw new MailboxSyncException(e.getMessage(), e);
        }
    }

    @Override
    public String whyRefused(String mailbox) {
        ImapTokenClaims claims;
        try {
            claims = ImapTokenClaims.of(tokens.imapToken());
        } catch (RuntimeException noToken) {
            claims = ImapTokenClaims.of(null);
        }
        String principal = claims.servicePrincipalOrPlaceholder();
        String register = "New-ServicePrincipal -AppId " + clientId + " -ObjectId " + principal;
        if (claims.lacksImapRole()) {
            return "The app's token carries no " + ImapTokenClaims.IMAP_ROLE + " role (it has " + claims.roles()
                    + "), so Exchange Online refuses every mailbox: in Entra ID give app " + clientId
                    + " the application permission Office 365 Exchange Online > " + ImapTokenClaims.IMAP_ROLE
                    + ", grant admin consent, and register the app in Exchange Online with " + register;
        }
        return "The app may not open this mailbox: grant it in Exchange Online PowerShell with Add-MailboxPermission"
                + " -Identity " + mailbox + " -User " + principal + " -AccessRights FullAccess. If every mailbox"
                + " is refused, the app is not registered in Exchange Online yet: " + register;
    }

    @Override
    public String toString() {
        return "ExchangeOnlineImap[" + server + ", app " + clientId + "]";
    }
}
