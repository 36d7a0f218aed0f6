-- Reversals that no manifest has shown yet: the next run of the season shows them.
SELECT e.id, e.payment_id, e.at, e.actor, e.reason, l.competition, l.award, l.amount_kzt
FROM payment_events e
JOIN payments_ledger l ON l.payment_id = e.payment_id
WHERE l.season = :season AND e.event = 'reversed' AND e.reported_run_id IS NULL
ORDER BY e.id
