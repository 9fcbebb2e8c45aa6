"""`archivist warc finalize DIR...`: finish the `.open` WARC files a crash left behind."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.commands import EXIT_OK, EXIT_USAGE, Subparsers


def register(commands: Subparsers) -> None:
    cmd = commands.add_parser("warc", help="WARC file maintenance")
    actions = cmd.add_subparsers(dest="action", required=True, metavar="ACTION")
    finalize = actions.add_parser(
        "finalize",
        help="drop a torn last record from each .warc.gz.open file, close it and rename it",
    )
    finalize.add_argument("paths", nargs="+", type=Path, metavar="DIR_OR_FILE")
    finalize.set_defaults(handler=run_finalize)


def run_finalize(args: argparse.Namespace) -> int:
    from archive.finalize import finalize_file
    from archive.warc import FILE_SUFFIX, OPEN_SUFFIX

    files: list[Path] = []
    for path in args.paths:
        if path.is_dir():
            files += sorted(path.rglob(f"*{FILE_SUFFIX}{OPEN_SUFFIX}"))
        elif path.exists():
            files.append(path)
        else:
            print(f"archivist: error: {path} does not exist", file=sys.stderr)
            return EXIT_USAGE
    kept = dropped = 0
    for path in files:
        result = finalize_file(path)
        kept += result.records
        dropped += result.dropped_bytes
        print(
            f"{path.name} -> {result.path.name if result.path else 'removed'}: "
            f"{result.records} records, {result.dropped_bytes} torn bytes dropped"
        )
    print(f"Finalized {len(files)} file(s): {kept} records kept, {dropped} bytes dropped")
    return EXIT_OK
