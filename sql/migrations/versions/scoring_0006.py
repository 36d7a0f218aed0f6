"""Scoring: the score sheets' rows as the Great Expectations audit checks them, as a view over `scoring_audit_rows`
(issue 15). GX checks a table or view it is given as a table asset, learning its columns from the database's catalog;
given a query, it executed the whole query to learn them, and on PostgreSQL psycopg took every row into the audit's
process first (at ten times a city season, 2.3 million rows: the run's peak went over 1 GB). The table holds the rows
of the season being audited only (`mugalim.scoring.quality.stage_audit_rows` empties it whole before writing them).

Revision ID: scoring_0006
Revises: scoring_0005
"""
from alembic import op

revision = "scoring_0006"
down_revision = "scoring_0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""CREATE VIEW scoring_audit_view AS
SELECT file || ':' || row_no AS row_id, file, row_no AS "row", season, competition, stage, unit, round,
       participant_iin, member_id, score_milli / 1000.0 AS score, member_on_commission, copies
FROM scoring_audit_rows""")


def downgrade() -> None:
    op.execute("DROP VIEW scoring_audit_view")
