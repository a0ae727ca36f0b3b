#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine for the trainer: the system packages the
# speech parts need, then a virtual environment in .venv with the project in it.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# alsa-utils: aplay plays the recruiter, arecord records the microphone (in a child process);
# libasound2-plugins lets both reach a running PulseAudio or PipeWire server. No sound
# server is installed here: the user's own is used, never replaced.
APT_PACKAGES=(espeak-ng libespeak-ng1 alsa-utils libasound2-plugins tmux)
# scripts/test.sh adds the sound server its real-audio tests need, so that a fresh machine
# makes one apt-get call (none of these packages recommends others: --no-install-recommends
# only keeps pulseaudio's session extras out).
read -r -a extra <<< "${EXTRA_APT_PACKAGES:-}"
APT_PACKAGES+=("${extra[@]}")
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "Installing system packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  else
    echo "warning: cannot install ${missing[*]} (no apt-get); speech will fall back to on-screen text." >&2
  fi
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=".venv/.installed-$(cat pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  # --no-compile: Python compiles each module when it is first imported, which is fewer
  # than all the dependencies' files that pip would compile up front.
  .venv/bin/python -m pip install -q --no-compile --upgrade pip
  .venv/bin/python -m pip install -q --no-compile -e ".[dev]"
  rm -f .venv/.installed-*
  touch "$stamp"
fi
