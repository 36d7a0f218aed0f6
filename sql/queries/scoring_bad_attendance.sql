-- Attendance rows that list one member twice in one session: both are bad (the member's presence is unclear).
-- parameters: season, competition stage
SELECT a.file, a.row_no
FROM scoring_attendance a
JOIN (
    SELECT unit, round, member_id
    FROM scoring_attendance
    WHERE season = :season AND competition = :competition AND stage = :stage
    GROUP BY unit, round, member_id
    HAVING COUNT(*) > 1
) d ON d.unit = a.unit AND d.round = a.round AND d.member_id = a.member_id
WHERE a.season = :season AND a.competition = :competition AND a.stage = :stage
ORDER BY a.file, a.row_no
