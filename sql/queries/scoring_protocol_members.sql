-- The members' names and positions for the protocol, from the optional `commissions` files: the first row (by file
-- and row) naming a member of a unit's commission is the one shown.
-- parameters: season, competition, stage
SELECT unit, member_id, full_name, position
FROM scoring_commissions
WHERE season = :season AND competition = :competition AND stage = :stage
ORDER BY unit, member_id, file, row_no
