-- How many payments a season has ever recorded: payment numbers are never reused (ledger rows are never deleted).
SELECT COUNT(*) FROM payments_ledger WHERE season = :season
