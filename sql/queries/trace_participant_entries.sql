-- The seasons and competitions a participant took part in.
SELECT season, competition
FROM participants
WHERE participant_iin = :iin
ORDER BY season, competition
