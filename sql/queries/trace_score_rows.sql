-- The score rows behind a participant's totals in one competition, with the file and row each came from.
SELECT stage, unit, round, member_id, score_milli, file, row_no
FROM scoring_scores
WHERE season = :season AND competition = :competition AND participant_iin = :iin
ORDER BY stage, unit, round, member_id, file, row_no
