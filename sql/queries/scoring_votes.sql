-- Rules S5 and A3: SMS votes per participant of the city stage. A vote counts from the presentation's end to
-- exactly window_us later, both ends included (times are UTC microseconds, whatever offset they were written
-- with); with one_per_phone = 1 a phone counts once per participant, the other votes are repeats.
-- season window_us one_per_phone
WITH pres AS (
    SELECT participant_iin, MIN(end_us) AS end_us, COUNT(DISTINCT end_us) AS n
    FROM scoring_presentations WHERE season = :season
    GROUP BY participant_iin
),
v AS (
    SELECT v.participant_iin, v.phone_sha256,
           CASE WHEN p.n = 1 AND v.received_us >= p.end_us AND v.received_us <= p.end_us + :window_us
                THEN 1 ELSE 0 END AS inside
    FROM scoring_votes v
    LEFT JOIN pres p ON p.participant_iin = v.participant_iin
    WHERE v.season = :season
)
SELECT participant_iin,
       COUNT(*) AS received,
       SUM(inside) AS inside,
       COUNT(DISTINCT CASE WHEN inside = 1 THEN phone_sha256 END) AS phones
FROM v
GROUP BY participant_iin
ORDER BY participant_iin
