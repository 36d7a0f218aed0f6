# The two commands of the README: `make demo` and `make test`. Each installs what it needs first.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
export MUGALIM_DATA ?= $(CURDIR)/demo-data
export AIRFLOW_HOME ?= $(CURDIR)/.airflow

.PHONY: setup demo test test-fast bench prod-check clean-demo airflow-ui

setup:
	@bash scripts/setup.sh

demo: setup
	@$(PY) scripts/demo.py --data "$(MUGALIM_DATA)"

test: setup
	@bash scripts/test.sh

test-fast: setup
	@$(VENV)/bin/pytest -q -m "not slow"

bench: setup
	@$(PY) -m bench

prod-check: setup
	@bash scripts/services.sh postgres redis
	@$(PY) scripts/prod_check.py

# Airflow's UI (scheduler, API server, DAG processor, triggerer in one process) on the demo's data and DAGs.
airflow-ui: setup
	@$(PY) -c "import sys; sys.path.insert(0, 'scripts'); import airflow_local, pathlib; airflow_local.prepare(pathlib.Path('$(AIRFLOW_HOME)').resolve())"
	@echo "Airflow: http://localhost:8080 — user admin, password in $(AIRFLOW_HOME)/simple_auth_manager_passwords.json.generated"
	@$(VENV)/bin/airflow standalone

clean-demo:
	rm -rf "$(MUGALIM_DATA)" "$(AIRFLOW_HOME)"
