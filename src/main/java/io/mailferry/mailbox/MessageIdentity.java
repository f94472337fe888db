package io.mailferry.mailbox;

import jakarta.mail.MessagingException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.eclipse.angus.mail.imap.IMAPMessage;

/**
 * What makes two stored messages "the same" across servers without touching their content: RFC822.SIZE,
 * INTERNALDATE (to the second, as IMAP transmits it) and the Message-ID header. Messages without a Message-ID
 * additionally need a content hash to be told apart; that check lives with the caller because it costs a download.
 */
record MessageIdentity(long size, Instant internalDate, String messageId) {
    private static final int MAX_MESSAGE_ID = 998;

    MessageIdentity {
        internalDate = internalDate == null ? null : internalDate.truncatedTo(ChronoUnit.SECONDS);
        messageId = messageId == null || messageId.isBlank() ? null : messageId.trim();
        if (messageId != null && messageId.length() > MAX_MESSAGE_ID) {
            messageId = messageId.substring(0, MAX_MESSAGE_ID);
        }
    }

    static MessageIdentity of(IMAPMessage message) throws MessagingException {
        Date received = message.getReceivedDate();
        return new MessageIdentity(
                message.getSize(), received == null ? null : received.toInstant(), message.getMessageID());
    }

    boolean hasMessageId() {
        return messageId != null;
    }

    String messageIdForStorage() {
        return messageId;
    }
}
