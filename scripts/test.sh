#!/usr/bin/env bash
# Run the test suite. PostgreSQL must be up for the tests marked `postgres`; start it if it is down.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/services.sh postgres
.venv/bin/pytest "$@"
rc=$?
if [ $rc -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi
exit $rc
