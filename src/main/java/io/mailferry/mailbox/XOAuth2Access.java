package io.mailferry.mailbox;

import javax.net.ssl.SSLContext;

/**
 * The Microsoft 365 app's way into Exchange Online's IMAP: the one server its access tokens are for, the TLS trust
 * for it, and the tokens. Provided by {@code io.mailferry.m365} when {@code mailferry.m365.tenant-id} is set; that
 * server is then the target endpoint, signed in to with {@link LoginMode#XOAUTH2}. Tokens are handed to Angus Mail for
 * that server only, and are never logged or put into a message.
 */
public interface XOAuth2Access {
    /** Where the tokens may go: {@code mailferry.m365.imap-host} and {@code imap-port}, with TLS. */
    ImapServer server();

    /** Trust for {@link #server()}: the JVM's trust store, plus a test rig's certificate when configured. */
    SSLContext sslContext();

    /** A token, the cached one while it has time left. */
    String token();

    /** A new token from the token server, for when the IMAP server refused or ended the session of the last one. */
    String renewedToken();

    /** What an administrator must fix when the server refuses the app's token for {@code mailbox}; no token in it. */
    String whyRefused(String mailbox);
}
