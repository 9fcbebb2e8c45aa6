"""A separate virtual environment for the replay and packaging tools (pywb, wacz).

pywb pins an old redis client (and other old packages) that cannot share a virtual
environment with the project's own dependencies, so the interop tests install it here,
once, into REPO/.venv-tools (gitignored), and reuse it while the pinned versions are the
same. Each step is printed, so a CI log shows what was installed and where.
"""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

from tests.support.crawl import REPO

TOOLS_VENV = REPO / ".venv-tools"
# Pinned: the versions these tests were written against.
TOOLS = ("pywb==2.10.0", "wacz==0.6.0")
_STAMP = TOOLS_VENV / ".installed"


def tools_bin() -> Path:
    """The bin/ folder of the tools venv, created and filled on first use."""
    wanted = "\n".join(TOOLS)
    if _STAMP.exists() and _STAMP.read_text() == wanted:
        return TOOLS_VENV / "bin"
    print(f"[tools venv] creating {TOOLS_VENV} for {', '.join(TOOLS)}", file=sys.stderr)
    venv.EnvBuilder(with_pip=True, clear=True).create(TOOLS_VENV)
    pip = [str(TOOLS_VENV / "bin" / "python"), "-m", "pip", "--disable-pip-version-check"]
    print(f"[tools venv] {' '.join(pip)} install {' '.join(TOOLS)}", file=sys.stderr)
    subprocess.run([*pip, "install", "--quiet", *TOOLS], check=True, timeout=900)
    _STAMP.write_text(wanted)
    print("[tools venv] ready", file=sys.stderr)
    return TOOLS_VENV / "bin"
