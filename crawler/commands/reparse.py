"""`archivist reparse WARC_OR_DIR...`: stored WARCs -> articles JSONL, no fetching."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.commands import EXIT_FAILED, EXIT_OK, Subparsers


def register(commands: Subparsers) -> None:
    cmd = commands.add_parser(
        "reparse", help="run the current parser over stored WARCs (no fetching)"
    )
    cmd.add_argument("paths", nargs="+", type=Path, metavar="WARC_OR_DIR")
    cmd.add_argument(
        "-o", "--output", type=Path, help="articles JSONL to write (default: standard output)"
    )
    cmd.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from archive.reparse import reparse

    stream = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    try:
        report = reparse(args.paths, stream)
    finally:
        if args.output:
            stream.close()
    print(report.summary(), file=sys.stderr)
    return EXIT_OK if report.files_read else EXIT_FAILED
