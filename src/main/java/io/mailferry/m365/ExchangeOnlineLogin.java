package io.mailferry.m365;
/** Signs in to one Exchange Online mailbox with the app's IMAP token, to prove the app may open it. */
public interface ExchangeOnlineLogin {
    /** Passed, or what the administrator must fix (e.g. the Add-MailboxPermission … FullAccess command, or the missing IMAP.AccessAsApp permission / New-ServicePrincipal). Never throws for a refusal; the message carries no token. */
    LoginCheck check(String mailboxAddress);

    record LoginCheck(boolean passed, String detail) {}
}
