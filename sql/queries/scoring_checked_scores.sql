-- Rules A1 and the bad rows of data-layout.md, in one pass over a stage's score rows.
-- Valid rows are summed per unit, participant and round (count, sum, min, max in thousandths: exact integers;
-- the division into means is done in Python). Bad rows come back one by one, with file, row and reason.
-- scoring_members holds the stage's sessions' members (filled by scoring_members_fill.sql just before).
-- parameters: season, competition stage min_milli max_milli max_round
WITH
-- checked scores: begin
sc AS (
    SELECT s.file, s.row_no, s.unit, s.round, s.participant_iin, s.member_id, s.score_milli,
           -- (member before participant: SQLite then sorts only the tail of what ix_scoring_scores_stage orders)
           COUNT(*) OVER (PARTITION BY s.unit, s.round, s.member_id, s.participant_iin) AS dup
    FROM scoring_scores s
    WHERE s.season = :season AND s.competition = :competition AND s.stage = :stage
),
checked AS (
    SELECT sc.file, sc.row_no, sc.unit, sc.round, sc.participant_iin, sc.member_id, sc.score_milli,
        CASE
            WHEN e.participant_iin IS NULL THEN
                CASE WHEN EXISTS (SELECT 1 FROM participants p WHERE p.season = :season
                                  AND p.competition = :competition AND p.participant_iin = sc.participant_iin)
                     THEN 'participant not in this stage' ELSE 'unknown participant' END
            WHEN e.status = 'rejected' THEN 'participant rejected (see rejected): scores ignored'
            WHEN e.unit <> sc.unit THEN 'participant is not in this unit'
            WHEN sc.round > :max_round THEN 'not a round of this stage'
            WHEN sc.score_milli < :min_milli OR sc.score_milli > :max_milli THEN 'score outside the season''s scale'
            WHEN sc.dup > 1 THEN 'two rows for the same member, participant and round: neither is used'
            WHEN a.member_id IS NULL THEN 'member not on the commission of that session'
            WHEN a.n > 1 THEN 'member listed twice in the attendance of that session'
            WHEN a.present = 0 THEN 'member marked absent at that session'
        END AS reason
    FROM sc
    LEFT JOIN scoring_entrants e
        ON e.season = :season AND e.competition = :competition AND e.stage = :stage
        AND e.participant_iin = sc.participant_iin
    LEFT JOIN scoring_members a
        ON a.season = :season AND a.competition = :competition AND a.stage = :stage
        AND a.unit = sc.unit AND a.round = sc.round AND a.member_id = sc.member_id
)
-- checked scores: end
SELECT unit, participant_iin, round, COUNT(*) AS n, SUM(score_milli) AS total_milli,
       MIN(score_milli) AS min_milli, MAX(score_milli) AS max_milli,
       NULL AS file, NULL AS row_no, NULL AS reason
FROM checked WHERE reason IS NULL
GROUP BY unit, participant_iin, round
UNION ALL
SELECT unit, participant_iin, round, NULL, NULL, NULL, NULL, file, row_no, reason
FROM checked WHERE reason IS NOT NULL
