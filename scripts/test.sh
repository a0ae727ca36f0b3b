#!/usr/bin/env bash
# One command for a fresh machine: set up (if needed), then lint, type-check and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check trainer tests bench
.venv/bin/mypy
.venv/bin/pytest -q "$@"
