#!/usr/bin/env bash
# One command for a fresh machine: set up (if needed), then lint, type-check and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

# The real-audio tests (tests/audio) run a private PulseAudio server. Install one only where
# no PulseAudio or PipeWire pulse server is installed (a fresh machine, CI): on a desktop
# that runs PipeWire, installing `pulseaudio` would remove pipewire-pulse and break its sound.
# The tests start their own private instance and never touch a running server.
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
if command -v dpkg-query >/dev/null 2>&1 && ! installed pulseaudio && ! installed pipewire-pulse; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "Installing a sound server for the audio tests: pulseaudio pulseaudio-utils libasound2-plugins"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
      pulseaudio pulseaudio-utils libasound2-plugins >/dev/null
  fi
elif command -v dpkg-query >/dev/null 2>&1 && installed pipewire-pulse; then
  # PipeWire's pulse server is here: the tests need only its clients and the ALSA plugin
  missing=()
  for pkg in pulseaudio-utils libasound2-plugins; do installed "$pkg" || missing+=("$pkg"); done
  if [ "${#missing[@]}" -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi
.venv/bin/ruff check trainer tests bench
.venv/bin/mypy
.venv/bin/pytest -q "$@"
