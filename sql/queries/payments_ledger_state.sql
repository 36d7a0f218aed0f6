-- Every ledger row of a season: what was ever recorded for each payment identity, and where it stands.
SELECT id, payment_id, competition, award, participant_iin, state, amount_kzt, attempt, run_id
FROM payments_ledger
WHERE season = :season
ORDER BY id
