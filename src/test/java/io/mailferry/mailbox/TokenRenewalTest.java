package io.mailferry.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.FolderClosedException;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.iap.ConnectionException;
import org.junit.jupiter.api.Test;

/** Which failures end a slice for good and which only ended an XOAUTH2 session that a new token continues. */
class TokenRenewalTest {
    @Test
    void anEndedSessionOrARefusedNewConnectionIsRenewedThrough() {
        assertThat(TokenRenewal.sessionEnded(new MailboxSyncException(
                        "Folder Sent Items: * BYE AccessTokenExpired", new FolderClosedException(null, "BYE"))))
                .isTrue();
        assertThat(TokenRenewal.sessionEnded(
                        new MailboxSyncException("Folder R&D", new MessagingException("x", new ConnectionException()))))
                .isTrue();
        assertThat(TokenRenewal.sessionEnded(
                        new MailboxSyncException("Folder INBOX", new MessagingException("connection failure"))))
                .as("a folder's new connection whose sign-in was refused")
                .isTrue();
    }

    @Test
    void whatANewTokenCannotMendIsNotRetried() {
        assertThat(TokenRenewal.sessionEnded(
                        new MailboxSyncException("The target cannot take messages into INBOX now")))
                .isFalse();
        assertThat(TokenRenewal.sessionEnded(new MailboxUnavailableException("Sign-in ... was refused")))
                .isFalse();
        assertThat(TokenRenewal.sessionEnded(new MessagingException("NO [OVERQUOTA]")))
                .isFalse();
    }
}
