#!/usr/bin/env bash
# Lint, type-check and run every test, slow, browser, database and Ray ones included.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false
"$VENV/bin/ruff" check src tests benchmarks scripts
"$VENV/bin/ruff" format --check src tests benchmarks scripts
"$VENV/bin/mypy"
"$VENV/bin/pytest" -q -m "" -p no:cacheprovider "$@"
