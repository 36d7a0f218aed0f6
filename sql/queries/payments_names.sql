-- The participants' full names as the applications give them, to compare with the payees' bank details.
SELECT competition, participant_iin, full_name
FROM participants
WHERE season = :season
