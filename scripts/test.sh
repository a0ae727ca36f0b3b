#!/usr/bin/env bash
# One command for a fresh machine: set up (if needed), then lint, type-check and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
# The real-audio tests (tests/audio) run a private PulseAudio server. Install one only where
# no PulseAudio or PipeWire pulse server is installed (a fresh machine, CI): on a desktop
# that runs PipeWire, installing `pulseaudio` would remove pipewire-pulse and break its sound.
# The tests start their own private instance and never touch a running server. setup.sh
# installs these with its own packages, in one apt-get call.
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
sound=()
if command -v dpkg-query >/dev/null 2>&1 && ! installed pulseaudio && ! installed pipewire-pulse; then
  sound=(pulseaudio pulseaudio-utils libasound2-plugins)
elif command -v dpkg-query >/dev/null 2>&1 && installed pipewire-pulse; then
  # PipeWire's pulse server is here: the tests need only its clients and the ALSA plugin
  sound=(pulseaudio-utils libasound2-plugins)
fi
EXTRA_APT_PACKAGES="${sound[*]}" bash scripts/setup.sh
.venv/bin/ruff check trainer tests bench
.venv/bin/mypy

# With arguments, pytest runs them as given (`bash scripts/test.sh tests/scoring -x`; add
# `-n auto` to spread them over the cores). Without, the whole suite in two runs: every test
# but the real-audio ones spread over the cores (xdist, one file per worker at a time, so a
# file's shared set-up is made once), then the real-audio tests on their own, two files at a
# time: each test runs its own private sound server and mostly waits for audio fed in real
# time, so two overlap well (9.4 -> 5.1 minutes here) without the rest of the suite competing
# for the CPU. Both runs always happen.
if [ "$#" -gt 0 ]; then
  exec .venv/bin/pytest -q "$@"
fi
status=0
.venv/bin/pytest -q -n auto --dist loadfile --ignore=tests/audio || status=$?
.venv/bin/pytest -q -n 2 --dist loadfile tests/audio || status=$?
exit "$status"
