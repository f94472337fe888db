package io.mailferry.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/**
 * Sends the notices, one message per recipient so nobody sees the others' addresses. Every recipient is tried;
 * a failure names the SMTP server and the recipients that were missed.
 */
@Service
public class NotificationService {
    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);

    private final JavaMailSender mailSender;
    /** Mail to users after the cutover: by default the same relay, which then routes to Microsoft 365 by MX. */
    private final JavaMailSender afterCutoverSender;
    private final NotifyProperties properties;

    public NotificationService(JavaMailSender mailSender, NotifyProperties properties) {
        this.mailSender = mailSender;
        this.properties = properties;
        this.afterCutoverSender = properties.afterCutoverRelay() == null ? mailSender : relay(properties.afterCutoverRelay());
    }

    private static JavaMailSender relay(String hostAndPort) {
        JavaMailSenderImpl relay = new JavaMailSenderImpl();
        int colon = hostAndPort.lastIndexOf(':');
        relay.setHost(colon < 0 ? hostAndPort : hostAndPort.substring(0, colon));
        relay.setPort(colon < 0 ? 25 : Integer.parseInt(hostAndPort.substring(colon + 1)));
        return relay;
    }

    /** Before the move: what changes and when; asks users to shrink the mailbox and empty Deleted Items. */
    public int sendMigrationNotice(String domain, List<String> recipients, String schedule) {
        NoticeTexts.Text text = NoticeTexts.migrationNotice(domain, schedule);
        return sendEach(mailSender, "migration notice", properties.fromFor(domain), recipients, r -> text);
    }

    /** After the move: about Microsoft 365 and how to sign in with their own address. */
    public int sendWelcome(String domain, List<String> recipients) {
        return sendEach(afterCutoverSender, "welcome message", properties.fromFor(domain), recipients,
                r -> NoticeTexts.welcome(domain, r, properties.signInUrl()));
    }

    /** Reminders and escalations; paragraphs of {@code body} are separated by blank lines. */
    public void sendOperatorNotice(List<String> operators, String subject, String body) {
        NoticeTexts.Text text = new NoticeTexts.Text(subject, body, NoticeTexts.html(body));
        sendEach(mailSender, "operator notice '" + subject + "'", properties.operatorFrom(), operators, r -> text);
    }

    private int sendEach(JavaMailSender sender, String what, String from, List<String> recipients,
                         Function<String, NoticeTexts.Text> texts) {
        List<String> sent = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Exception firstFailure = null;
        for (String recipient : recipients) {
            try {
                sender.send(message(sender, from, recipient, texts.apply(recipient)));
                sent.add(recipient);
            } catch (MailException | MessagingException e) {
                failed.add(recipient);
                firstFailure = firstFailure == null ? e : firstFailure;
                log.warn("Could not send the {} to {} via {}: {}", what, recipient, server(sender), reason(e));
            }
        }
        if (!failed.isEmpty()) {
            throw new NotificationException("Could not send the " + what + " via SMTP server " + server(sender) + " to "
                    + failed + " (" + reason(firstFailure) + "); sent to " + sent.size() + " of "
                    + recipients.size(), sent, firstFailure);
        }
        log.info("Sent the {} to {} recipient(s) via {}", what, sent.size(), server(sender));
        return sent.size();
    }

    private static MimeMessage message(JavaMailSender sender, String from, String recipient, NoticeTexts.Text text)
            throws MessagingException {
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
                "UTF-8");
        helper.setFrom(from);
        helper.setTo(recipient);
        helper.setSubject(text.subject());
        helper.setText(text.plain(), text.html());
        return message;
    }

    private static String server(JavaMailSender sender) {
        if (sender instanceof JavaMailSenderImpl impl) {
            return impl.getHost() + ":" + (impl.getPort() > 0 ? impl.getPort() : 25);
        }
        return "configured in spring.mail.host";
    }

    /** The deepest cause says what the server answered; the outer ones only say that sending failed. */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().trim();
        return message;
    }
}
