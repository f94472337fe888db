package io.mailferry.notify;

import io.mailferry.text.Fit;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Sends the notices, one message per recipient so nobody sees the others' addresses. Every recipient is tried;
 * a failure names the SMTP server and the recipients that were missed.
 */
@Service
public class NotificationService {
    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);
    /** pid@host: names this node in a claim, so an operator can tell which node holds a notice. */
    private static final String NODE = ManagementFactory.getRuntimeMXBean().getName();
    /** mf_notice_claim.notice_key (V10__notice_claims.sql). */
    private static final int KEY_WIDTH = 200;

    private final JavaMailSender mailSender;
    /** Mail to users after the cutover: by default the same relay, which then routes to Microsoft 365 by MX. */
    private final JavaMailSender afterCutoverSender;

    private final NotifyProperties properties;
    private final NoticeClaims claims;

    @Autowired
    public NotificationService(
            JavaMailSender mailSender,
            NotifyProperties properties,
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions) {
        this(mailSender, properties, jdbc, transactions, Clock.systemUTC());
    }

    NotificationService(
            JavaMailSender mailSender,
            NotifyProperties properties,
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.mailSender = mailSender;
        this.properties = properties;
        this.claims = new NoticeClaims(jdbc, transactions, clock, properties.claimExpiry());
        this.afterCutoverSender = properties.afterCutoverRelay() == null
                ? mailSender
                : relay(properties.afterCutoverRelay(), properties.afterCutoverRelayAllowPlaintext());
        withTimeouts(mailSender, properties.smtpTimeout());
        withTimeouts(afterCutoverSender, properties.smtpTimeout());
    }

    /** STARTTLS is required (not merely tried, which a man in the middle undoes) unless plaintext is allowed. */
    private static JavaMailSender relay(String hostAndPort, boolean allowPlaintext) {
        JavaMailSenderImpl relay = new JavaMailSenderImpl();
        int colon = hostAndPort.lastIndexOf(':');
        relay.setHost(colon < 0 ? hostAndPort : hostAndPort.substring(0, colon));
        relay.setPort(colon < 0 ? 25 : Integer.parseInt(hostAndPort.substring(colon + 1)));
        if (!allowPlaintext) {
            relay.getJavaMailProperties().put("mail.smtp.starttls.enable", "true");
            relay.getJavaMailProperties().put("mail.smtp.starttls.required", "true");
        }
        return relay;
    }

    /**
     * Connect, read and write timeouts for SMTP and SMTPS, where the configuration (spring.mail.properties) sets none:
     * without them Angus Mail waits for ever on a server that accepts and then says nothing.
     */
    private static void withTimeouts(JavaMailSender sender, Duration timeout) {
        if (sender instanceof JavaMailSenderImpl impl) {
            String millis = String.valueOf(timeout.toMillis());
            for (String protocol : List.of("smtp", "smtps")) {
                for (String kind : List.of("connectiontimeout", "timeout", "writetimeout")) {
                    impl.getJavaMailProperties().putIfAbsent("mail." + protocol + "." + kind, millis);
                }
            }
        }
    }

    /*
     * noticeKey names one sending (e.g. the process instance and the kind of notice): a recipient who has been sent
     * it is skipped when the same key is sent again, so a retried job mails only those still missing, and a job split
     * into groups may send each group under the same key. Each copy is claimed before it is sent (NoticeClaims), so a
     * twin run of the same job, started by the engine once the job's lock ran out, does not send it a second time.
     *
     * The order per recipient — claim committed, message handed to the SMTP server, claim marked sent — is what keeps
     * a copy from going out twice. Each step commits on its own, not with the job: a job that rolls back after the
     * server accepted a message still leaves the claim, and the retry skips that recipient. A run that dies after
     * the server's 250 and before the mark leaves the claim SENDING; no later run sends it again (at most once), since
     * nothing can tell it from a message the server never took. Sent first and recorded afterwards in the job's own
     * transaction, as before claims existed, the same crash would have sent a second copy with every retry.
     */

    /** Before the move: what changes and when; asks users to shrink the mailbox and empty Deleted Items. */
    public int sendMigrationNotice(String noticeKey, String domain, List<String> recipients, String schedule) {
        NoticeTexts.Text text = NoticeTexts.migrationNotice(domain, schedule);
        return sendEach(mailSender, "migration notice", noticeKey, properties.fromFor(domain), recipients, r -> text);
    }

    /** After the move: about Microsoft 365 and how to sign in with their own address. */
    public int sendWelcome(String noticeKey, String domain, List<String> recipients) {
        return sendEach(
                afterCutoverSender,
                "welcome message",
                noticeKey,
                properties.fromFor(domain),
                recipients,
                r -> NoticeTexts.welcome(domain, r, properties.signInUrl()));
    }

    /** Reminders and escalations; paragraphs of {@code body} are separated by blank lines. */
    public void sendOperatorNotice(String noticeKey, List<String> operators, String subject, String body) {
        NoticeTexts.Text text = new NoticeTexts.Text(subject, body, NoticeTexts.html(body));
        sendEach(
                mailSender,
                "operator notice '" + subject + "'",
                noticeKey,
                properties.operatorFrom(),
                operators,
                r -> text);
    }

    /**
     * Returns how many have been sent this notice, now or by an earlier attempt with the same key. Throws when a copy
     * could not be sent or is being sent by another run, after trying all the others.
     */
    private int sendEach(
            JavaMailSender sender,
            String what,
            String noticeKey,
            String from,
            List<String> recipients,
            Function<String, NoticeTexts.Text> texts) {
        // stored as the column keeps it (mf_notice_claim.notice_key), and compared the same way
        noticeKey = Fit.column(noticeKey, KEY_WIDTH);
        String run = NODE + "/" + UUID.randomUUID().toString().substring(0, 8);
        List<String> already = claims.sentTo(noticeKey);
        List<String> sent = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> elsewhere = new ArrayList<>();
        Exception firstFailure = null;
        for (String recipient : recipients) {
            NoticeClaims.Claim claim = already.contains(recipient)
                    ? new NoticeClaims.Claim(NoticeClaims.Outcome.SENT_BEFORE, null, null)
                    : claims.claim(noticeKey, recipient, run);
            switch (claim.outcome()) {
                case SENT_BEFORE -> sent.add(recipient);
                case BEING_SENT -> {
                    elsewhere.add(recipient + " (by " + claim.holder() + ", claimed "
                            + Duration.between(claim.claimedAt(), claims.now()).toSeconds() + " s ago)");
                    log.warn(
                            "Not sending the {} to {}: run {} claimed it at {} and may be sending it now",
                            what,
                            recipient,
                            claim.holder(),
                            claim.claimedAt());
                }
                case ABANDONED -> {
                    // counted as told: the recipient may have it, and must never get it twice
                    sent.add(recipient);
                    log.warn(
                            "Not sending the {} to {} again: run {} claimed it at {} and never recorded whether the"
                                    + " SMTP server accepted it (its node stopped, or the server's answer was lost);"
                                    + " ask the recipient if it arrived",
                            what,
                            recipient,
                            claim.holder(),
                            claim.claimedAt());
                }
                case CLAIMED -> {
                    SmtpOutcome outcome = SmtpOutcome.NOT_ACCEPTED;
                    try {
                        sender.send(message(sender, from, recipient, texts.apply(recipient)));
                        outcome = SmtpOutcome.ACCEPTED;
                    } catch (MailException | MessagingException e) {
                        outcome = SmtpOutcome.of(e);
                        if (outcome == SmtpOutcome.NOT_ACCEPTED) {
                            failed.add(recipient);
                            firstFailure = firstFailure == null ? e : firstFailure;
                            log.warn(
                                    "Could not send the {} to {} via {}: {}",
                                    what,
                                    recipient,
                                    server(sender),
                                    reason(e));
                        } else {
                            log.warn(
                                    "Sending the {} to {} via {} failed after the message went out: {}",
                                    what,
                                    recipient,
                                    server(sender),
                                    reason(e));
                        }
                    } finally {
                        // only a message the server certainly did not take is released for a retry
                        if (outcome == SmtpOutcome.NOT_ACCEPTED) {
                            claims.release(noticeKey, recipient, run);
                        }
                    }
                    if (outcome == SmtpOutcome.ACCEPTED) {
                        claims.markSent(noticeKey, recipient, run);
                    } else if (outcome == SmtpOutcome.UNKNOWN) {
                        // the claim stays: no run sends it again (see above)
                        log.warn(
                                "The {} to {} may have reached SMTP server {} before the connection failed; it is not"
                                        + " sent again",
                                what,
                                recipient,
                                server(sender));
                    }
                    if (outcome != SmtpOutcome.NOT_ACCEPTED) {
                        sent.add(recipient);
                    }
                }
            }
        }
        if (!failed.isEmpty() || !elsewhere.isEmpty()) {
            List<String> problems = new ArrayList<>();
            if (!failed.isEmpty()) {
                problems.add("Could not send the " + what + " via SMTP server " + server(sender) + " to " + failed
                        + " (" + reason(firstFailure) + ")");
            }
            if (!elsewhere.isEmpty()) {
                problems.add("The " + what + " to " + elsewhere + " is being sent by another run of the same job, so"
                        + " this run does not send it twice; a retry finds it sent, or counts it as told once the"
                        + " claim is older than " + claims.expiry().toMinutes() + " min (its run stopped without"
                        + " recording the outcome, and a second copy must never go out)");
            }
            throw new NotificationException(
                    String.join("; ", problems) + "; sent to " + sent.size() + " of " + recipients.size(),
                    sent,
                    firstFailure);
        }
        log.info("Sent the {} to {} recipient(s) via {}", what, sent.size(), server(sender));
        return sent.size();
    }

    private static MimeMessage message(JavaMailSender sender, String from, String recipient, NoticeTexts.Text text)
            throws MessagingException {
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper =
                new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8");
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
        String message = root.getMessage() == null
                ? root.getClass().getSimpleName()
                : root.getMessage().trim();
        return message;
    }
}
