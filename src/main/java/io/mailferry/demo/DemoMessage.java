package io.mailferry.demo;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A message whose Message-ID is chosen, or absent: Jakarta Mail would otherwise invent a random one on saving,
 * and the demo needs repeatable IDs as well as the awkward cases (none at all, one ID shared by two messages).
 */
final class DemoMessage extends MimeMessage {
    private final String messageId;

    DemoMessage(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        if (messageId == null) {
            removeHeader("Message-ID");
        } else {
            setHeader("Message-ID", messageId);
        }
    }
}
