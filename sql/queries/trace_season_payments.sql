-- Every payment line of a season, in payment order.
SELECT payment_id
FROM payments_ledger
WHERE season = :season
ORDER BY payment_id
