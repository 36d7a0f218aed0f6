"""Checking dossiers: Appendix 2 completeness, eligibility (rules E1–E5, G2–G4), and the Great Expectations
data-quality suites. No Airflow here."""
