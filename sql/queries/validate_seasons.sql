-- The seasons of the dossiers ingested so far (a season asked for that is not among them is a typo).
SELECT DISTINCT season FROM dossiers WHERE season IS NOT NULL ORDER BY season
