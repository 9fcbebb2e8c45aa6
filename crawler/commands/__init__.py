"""The subcommands of `archivist`, one module each (see crawler.cli)."""

from __future__ import annotations

import argparse
from typing import TypeAlias

Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"

# In the order `archivist --help` lists them.
COMMANDS = (
    "crawl",
    "seed",
    "demo",
    "status",
    "schedule",
    "reparse",
    "index",
    "wacz",
    "warc",
    "export",
    "extract",
    "clean",
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
