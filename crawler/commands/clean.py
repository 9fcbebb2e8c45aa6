"""`archivist clean FILE.txt`: strip boilerplate lines from extracted text."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.commands import EXIT_OK, Subparsers


def register(commands: Subparsers) -> None:
    cmd = commands.add_parser("clean", help="strip boilerplate lines from extracted text")
    cmd.add_argument("file", type=Path, help="a UTF-8 text file ('-' for standard input)")
    cmd.add_argument("--show-removed", action="store_true", help="list what was removed")
    cmd.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from parsers import clean_text

    text = sys.stdin.read() if str(args.file) == "-" else args.file.read_text(encoding="utf-8")
    result = clean_text(text)
    print(result.text)
    if args.show_removed:
        for removed in result.removed:
            print(f"[removed {removed.kind}] {removed.text}", file=sys.stderr)
    return EXIT_OK
