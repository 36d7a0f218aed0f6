-- Participants a dossier check found ineligible (ok = false), by rule: scoring lists them under `rejected` of the
-- stage where the rule applies. Rules left undecided (ok IS NULL) are for a person and are not rejections.
SELECT e.season, e.competition, e.participant_iin, e.rule, e.reason
FROM dossier_eligibility e
JOIN dossier_results r ON r.dossier_id = e.dossier_id
WHERE e.season = :season AND e.ok = false AND e.participant_iin IS NOT NULL AND r.waiting IS NULL
ORDER BY e.competition, e.participant_iin, e.rule
