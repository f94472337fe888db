package io.mailferry.mailbox;

/**
 * How Mailferry signs in for a user's mailbox.
 * <ul>
 * <li>PROXY: SASL PLAIN with authorization id = mailbox address and authentication id = the endpoint's admin
 * user (Exchange FullAccess, Dovecot master user); no user password needed.</li>
 * <li>SHARED_PASSWORD: LOGIN as the mailbox address with the endpoint's credential, a temporary common password
 * set for the migration (the demo's GreenMail only supports this).</li>
 * <li>XOAUTH2: SASL XOAUTH2 with {@code user=} the mailbox address and the Microsoft 365 app's access token
 * ({@code IMAP.AccessAsApp}, app-only), as Exchange Online requires; no password at all. Only the configured
 * Microsoft 365 target signs in so, and the token goes to no other server (see {@link XOAuth2Access}).</li>
 * </ul>
 */
public enum LoginMode {
    PROXY,
    SHARED_PASSWORD,
    XOAUTH2
}
