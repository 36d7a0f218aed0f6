# The two commands of the README: `make demo` and `make test`. Each installs what it needs first.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
export MUGALIM_DATA ?= $(CURDIR)/demo-data
export AIRFLOW_HOME ?= $(CURDIR)/.airflow

.PHONY: setup demo test test-fast bench prod-check clean-demo

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

clean-demo:
	rm -rf "$(MUGALIM_DATA)" "$(AIRFLOW_HOME)"
