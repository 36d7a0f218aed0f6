-- Every payment ever recorded for one participant.
SELECT payment_id
FROM payments_ledger
WHERE participant_iin = :iin
ORDER BY season, competition, award
