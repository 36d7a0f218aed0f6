"""Scoring and decisions: score sheets → SQL aggregates → one function per rule id → results.json, protocol,
charts. Entry points: `mugalim.scoring.run.run_score` and `run_season`."""
