-- The recipients of a notice sent in groups (the cutover's migration notice to every mailbox owner), listed once
-- before the first group. Each group's job takes its part of this list by ordinal, so the groups stay the same when
-- the directory changes while they run: nobody is left out by a shift, and nobody falls into two groups. Mailferry
-- alone writes it, never from a process variable: who is mailed is the migration's own state.
CREATE TABLE mf_notice_recipient (
    notice_key VARCHAR(200) NOT NULL,
    ordinal    INT          NOT NULL,
    recipient  VARCHAR(320) NOT NULL,
    CONSTRAINT pk_mf_notice_recipient PRIMARY KEY (notice_key, ordinal)
);

-- mf_notice_claim (V10) is read differently from this version on: a SENDING claim older than the expiry is no longer
-- claimed again but counted as told, since its run may have stopped after the SMTP server accepted the message
-- (see NoticeClaims); a notice goes to a recipient at most once.
