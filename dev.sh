#!/usr/bin/env bash
# Set up Archivist in ./.venv (idempotent) and run one job.
#
#   ./dev.sh demo    set up, then crawl the bundled sample site into ./out
#   ./dev.sh test    set up, then lint (ruff), type-check (mypy) and run the tests (pytest)
#   ./dev.sh setup   set up only
#
# Needs Python 3.11+ (python3.11 or python3 on PATH) and access to PyPI; as root on
# Debian it installs redis-server (for the cluster tests) when it is missing.
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

# The cluster tests (tests/distributed) start a real redis-server on 127.0.0.1.
ensure_redis_server() {
  command -v redis-server >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> installing redis-server (Debian package) for the cluster tests: apt-get update && apt-get install -y redis-server"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >/dev/null
    # Debian's package starts a system service; the tests start their own servers.
    if command -v systemctl >/dev/null 2>&1; then systemctl disable --now redis-server >/dev/null 2>&1 || true; fi
    command -v redis-server >/dev/null 2>&1 && return 0
  fi
  echo "dev.sh: redis-server is needed for the cluster tests: install it (as root: apt-get install redis-server)" >&2
  return 1
}

setup() {
  ensure_redis_server
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
