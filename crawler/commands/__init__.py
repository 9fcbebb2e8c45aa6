"""The subcommands of `archivist`, one module each (see crawler.cli)."""

from __future__ import annotations

import argparse
from pathlib import Path
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


def add_filter_list_argument(cmd: argparse.ArgumentParser) -> None:
    """`--filter-list PATH`, repeatable: extract and reparse take the same lists."""
    cmd.add_argument(
        "--filter-list",
        action="append",
        type=Path,
        default=[],
        dest="filter_lists",
        metavar="PATH",
        help="an adblock-style filter list (e.g. the EasyList Cookie List) whose "
        "element-hiding rules remove what they match (repeatable)",
    )


def filter_list_paths(paths: list[Path]) -> tuple[str, ...]:
    """The lists as absolute paths (relative ones are from the current folder), so that
    worker processes read the same files. Raises OSError for a file that cannot be read."""
    for path in paths:
        with path.open("rb"):
            pass
    return tuple(str(path.resolve()) for path in paths)
