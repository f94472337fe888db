-- Failed sign-ins, so that wrong passwords lock only for a while and only where they come from (instead of Camunda's
-- permanent lock after ten, which anyone could set off for every operator). Two kinds of row:
--   USER     one user name from one source address (user_id is the name as typed, cut to 64 characters)
--   ADDRESS  every user name from one source address (user_id is empty)
-- A row counts the failures since first_failure_ms; at the limit it is locked until locked_until_ms and counts
-- afresh. Times are epoch milliseconds, so that nodes in different time zones compare the same instants; the table
-- is shared, so a lock holds on every node of a cluster.
CREATE TABLE mf_login_failure (
    kind             VARCHAR(8)  NOT NULL,
    source_address   VARCHAR(64) NOT NULL,
    user_id          VARCHAR(64) NOT NULL,
    failures         INT         NOT NULL,
    first_failure_ms BIGINT      NOT NULL,
    locked_until_ms  BIGINT,
    CONSTRAINT pk_mf_login_failure PRIMARY KEY (kind, source_address, user_id),
    CONSTRAINT ck_mf_login_failure_kind CHECK (kind IN ('USER', 'ADDRESS'))
);
