"""The review station: a small local web application where back-office staff fix what the scans left unsure,
beside the scan, and see what each dossier still lacks (`mugalim review`)."""
