-- Tie-break decisions entered for a participant (rule A2), with their file and row.
SELECT stage, unit, decision, place, file, row_no
FROM scoring_decisions
WHERE season = :season AND competition = :competition AND participant_iin = :iin
ORDER BY stage, file, row_no
