package io.mailferry.notify;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who has been sent which notice, and which run is sending it now (table mf_notice_claim). Every change commits in
 * a transaction of its own: the job that sends may still roll back, and a twin run must see a claim at once.
 *
 * <p>A notice is sent at most once per recipient. A claim is committed before the message goes to the SMTP server
 * and marked sent after the server accepted it, so a run that dies between the two — after the server accepted the
 * message, before the mark was committed — leaves a claim that no later run can tell from one whose message never
 * left. Such a claim, once expired, is therefore never sent again ({@link Outcome#ABANDONED}): a second copy is
 * what the recipient must never get, and the run that died is named in the log for an operator to follow up.
 */
final class NoticeClaims {
    private static final Logger log = LoggerFactory.getLogger(NoticeClaims.class);
    private static final String SENDING = "SENDING";
    private static final String SENT = "SENT";

    /** What {@link #claim} found; {@code holder} and {@code claimedAt} describe another run's claim. */
    record Claim(Outcome outcome, String holder, Instant claimedAt) {}

    enum Outcome {
        /** Ours to send now. */
        CLAIMED,
        /** Sent before, by this run's predecessor or a twin. */
        SENT_BEFORE,
        /** Another run claimed it recently and may be sending it right now. */
        BEING_SENT,
        /**
         * A run claimed it longer ago than the expiry and never marked it sent: its node died while sending, or the
         * SMTP server's answer was lost. The server may have accepted the message, so it is not sent again.
         */
        ABANDONED
    }

    private record Row(String status, String claimedBy, long claimedAtMs) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate separately;
    private final Clock clock;
    private final Duration expiry;

    NoticeClaims(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock, Duration expiry) {
        this.jdbc = jdbc;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.expiry = expiry;
    }

    Duration expiry() {
        return expiry;
    }

    Instant now() {
        return clock.instant();
    }

    List<String> sentTo(String noticeKey) {
        return jdbc.queryForList(
                "SELECT recipient FROM mf_notice_claim WHERE notice_key = ? AND status = ?",
                String.class,
                noticeKey,
                SENT);
    }

    /**
     * Claims {@code recipient}'s copy of the notice for {@code run}. The primary key decides between twins. A claim
     * older than the expiry is reported, not taken over: see the class comment.
     */
    Claim claim(String noticeKey, String recipient, String run) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            long now = clock.millis();
            try {
                separately.executeWithoutResult(t -> jdbc.update(
                        "INSERT INTO mf_notice_claim (notice_key, recipient, status, claimed_by, claimed_at_ms)"
                                + " VALUES (?, ?, ?, ?, ?)",
                        noticeKey,
                        recipient,
                        SENDING,
                        run,
                        now));
                return new Claim(Outcome.CLAIMED, run, Instant.ofEpochMilli(now));
            } catch (DuplicateKeyException taken) {
                // read outside the failed transaction: PostgreSQL refuses any statement in it after the error
            }
            Row row = row(noticeKey, recipient);
            if (row == null) {
                continue; // released meanwhile by a run whose send was refused: claim it afresh
            }
            Instant claimedAt = Instant.ofEpochMilli(row.claimedAtMs());
            if (SENT.equals(row.status())) {
                return new Claim(Outcome.SENT_BEFORE, row.claimedBy(), claimedAt);
            }
            if (now - row.claimedAtMs() < expiry.toMillis()) {
                return new Claim(Outcome.BEING_SENT, row.claimedBy(), claimedAt);
            }
            return new Claim(Outcome.ABANDONED, row.claimedBy(), claimedAt);
        }
        throw new IllegalStateException("Could not claim notice " + noticeKey + " to " + recipient
                + " in 3 attempts: other runs keep claiming and releasing it");
    }

    /** After the SMTP server accepted the message. */
    void markSent(String noticeKey, String recipient, String run) {
        Integer marked = separately.execute(t -> jdbc.update(
                "UPDATE mf_notice_claim SET status = ?, sent_at = ? WHERE notice_key = ? AND recipient = ?"
                        + " AND claimed_by = ?",
                SENT,
                Timestamp.from(clock.instant()),
                noticeKey,
                recipient,
                run));
        if (marked == null || marked != 1) {
            log.warn(
                    "Run {} sent notice {} to {}, but its claim was gone when it came to mark it sent",
                    run,
                    noticeKey,
                    recipient);
        }
    }

    /**
     * After a send the SMTP server certainly did not accept (refused, or never reached), so that a retry sends it.
     * A send whose outcome is unknown keeps its claim instead: see {@link NotificationService}.
     */
    void release(String noticeKey, String recipient, String run) {
        separately.executeWithoutResult(t -> jdbc.update(
                "DELETE FROM mf_notice_claim WHERE notice_key = ? AND recipient = ? AND claimed_by = ? AND status = ?",
                noticeKey,
                recipient,
                run,
                SENDING));
    }

    private Row row(String noticeKey, String recipient) {
        return separately.execute(t -> jdbc
                .query(
                        "SELECT status, claimed_by, claimed_at_ms FROM mf_notice_claim WHERE notice_key = ?"
                                + " AND recipient = ?",
                        (rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getLong(3)),
                        noticeKey,
                        recipient)
                .stream()
                .findFirst()
                .orElse(null));
    }
}
