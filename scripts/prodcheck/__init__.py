"""`make prod-check`: mugalim on Airflow's distributed topology (CeleryExecutor, PostgreSQL, Redis), as processes.

Modules: settings (ports, folders, the Airflow environment), services (PostgreSQL, Redis, databases),
processes (start and stop the components in their own process groups), api (Airflow's REST API with a login),
pipeline (discover the DAGs, trigger, wait, approve), chaos (the killed worker), snapshot (outbox and database,
to compare two runs), logscan (personal data in logs), main (the whole check).
"""
