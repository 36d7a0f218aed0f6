-- Runs whose payments were recorded but whose files were never completed (the process died in between).
SELECT run_id
FROM payment_runs
WHERE season = :season AND state = 'recording'
ORDER BY run_id
