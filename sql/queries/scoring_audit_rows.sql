-- The season's score rows as the Great Expectations audit checks them (run by GX on the database, as one literal
-- SELECT: the caller puts the season in), from `scoring_audit_rows` as `scoring_audit_stage.sql` wrote them: GX
-- runs each expectation as a query of its own, and each reads this plain table.
SELECT file || ':' || row_no AS row_id, file, row_no AS "row", season, competition, stage, unit, round,
       participant_iin, member_id, score_milli / 1000.0 AS score, member_on_commission, copies
FROM scoring_audit_rows
WHERE season = :season
