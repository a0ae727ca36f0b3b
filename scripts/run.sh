#!/usr/bin/env bash
# One command for a fresh machine: set up (if needed), then start the trainer.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/trainer "$@"
