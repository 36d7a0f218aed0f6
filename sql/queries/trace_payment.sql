-- One payment line of the ledger with the run that exported it.
SELECT l.payment_id, l.season, l.competition, l.award, l.participant_iin, l.full_name, l.iban, l.bic,
       l.amount_kzt, l.knp, l.kbe, l.purpose, l.state, l.attempt, l.run_id, l.recorded_at, l.exported_at,
       r.created_at AS run_created_at, r.approved_by, r.approved_at, r.state AS run_state
FROM payments_ledger l
JOIN payment_runs r ON r.run_id = l.run_id
WHERE l.payment_id = :payment_id
