-- The seasons the score sheets and participants files hold (a season asked for that is not among them is a typo).
SELECT season FROM participants
UNION SELECT season FROM scoring_scores
UNION SELECT season FROM scoring_attendance
ORDER BY season
