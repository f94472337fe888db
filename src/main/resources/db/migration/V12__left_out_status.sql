-- Mailboxes an operator left out of their batch have their own status, LEFT_OUT; FAILED now means only that the last
-- sync slice failed and the mailbox will be synced again. Those left out before this version were marked FAILED with
-- the reason "Left out by the operator: …"; they become LEFT_OUT, or they would hold back their batch's deletion.
UPDATE mf_batch_mailbox
   SET status = 'LEFT_OUT'
 WHERE status = 'FAILED'
   AND last_error LIKE 'Left out by the operator:%';
