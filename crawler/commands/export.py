"""`archivist export ARTICLES.jsonl... --format F -o OUT`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.commands import EXIT_OK, EXIT_USAGE, Subparsers


def register(commands: Subparsers) -> None:
    from archive.export import FORMATS

    cmd = commands.add_parser("export", help="export articles JSONL to JSONL, CSV or Parquet")
    cmd.add_argument("inputs", nargs="+", type=Path, metavar="ARTICLES.jsonl")
    cmd.add_argument("--format", required=True, choices=FORMATS)
    cmd.add_argument("-o", "--output", required=True, type=Path)
    cmd.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from archive.export import export

    missing = [str(p) for p in args.inputs if not p.is_file()]
    if missing:
        print(f"archivist: error: no such input file: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    report = export(args.inputs, args.output, args.format)
    print(
        f"Exported {report.rows_written} of {report.rows_read} records to {args.output} "
        f"({args.format}); {report.bad_lines} bad input lines skipped",
        file=sys.stderr,
    )
    for problem in report.problems:
        print(f"  skipped: {problem}", file=sys.stderr)
    return EXIT_OK
