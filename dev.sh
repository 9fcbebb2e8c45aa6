#!/usr/bin/env bash
# Set up Archivist in ./.venv (idempotent) and run one job.
#
#   ./dev.sh demo    set up, then crawl the bundled sample site into ./out
#   ./dev.sh test    set up, then lint (ruff), type-check (mypy) and run the tests (pytest)
#   ./dev.sh setup   set up only
#
# Needs only Python 3.11+ (python3.11 or python3 on PATH) and access to PyPI.
set -euo pipefail
cd "$(dirname "$0")"

VENV=.venv
PY="$VENV/bin/python"

find_python() {
  for candidate in python3.11 python3.12 python3.13 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      command -v "$candidate"; return 0
    fi
  done
  echo "dev.sh: Python 3.11 or newer is needed" >&2; return 1
}

setup() {
  if [ ! -x "$PY" ]; then
    echo "==> creating $VENV"
    "$(find_python)" -m venv "$VENV"
  fi
  # Reinstall only when the dependencies changed (a stamp of pyproject.toml).
  local stamp="$VENV/.archivist-installed" want
  want=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "==> installing archivist and its test tools into $VENV"
    "$PY" -m pip install --quiet --disable-pip-version-check --upgrade pip
    "$PY" -m pip install --quiet --disable-pip-version-check -e '.[test]'
    echo "$want" > "$stamp"
  fi
}

run_tests() {
  echo "==> ruff"
  "$VENV/bin/ruff" check .
  "$VENV/bin/ruff" format --check .
  echo "==> mypy"
  "$VENV/bin/mypy"
  echo "==> pytest"
  "$VENV/bin/pytest" -q -p no:cacheprovider "$@"
}

cmd="${1:-}"
shift || true
case "$cmd" in
  setup) setup ;;
  demo) setup; "$VENV/bin/archivist" demo --out out "$@" ;;
  test) setup; run_tests "$@" ;;
  *) echo "usage: ./dev.sh demo | test | setup" >&2; exit 2 ;;
esac
