-- The history of one payment (recorded, exported, reversed), oldest first.
SELECT event, run_id, at, actor, reason
FROM payment_events
WHERE payment_id = :payment_id
ORDER BY at, id
