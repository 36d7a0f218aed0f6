-- The register rows of one run, in payment order.
SELECT payment_id, season, competition, award, participant_iin, full_name, iban, bic, amount_kzt, amount_mrp,
       mrp_kzt, knp, kbe, purpose, attempt, state
FROM payments_ledger
WHERE run_id = :run_id
ORDER BY payment_id
