"""`archivist wacz CRAWL_DIR [-o FILE]`: package a crawl as a WACZ file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.commands import EXIT_OK, EXIT_USAGE, Subparsers


def register(commands: Subparsers) -> None:
    cmd = commands.add_parser(
        "wacz", help="package a crawl (WARCs, index, pages from its articles) as WACZ"
    )
    cmd.add_argument("crawl", type=Path, metavar="CRAWL_DIR")
    cmd.add_argument(
        "-o", "--output", type=Path, help="the .wacz file (default: CRAWL_DIR/<crawl-id>.wacz)"
    )
    cmd.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from archive.wacz import WaczError, write_wacz

    target = args.output or args.crawl / f"{args.crawl.name}.wacz"
    try:
        write_wacz(args.crawl, target)
    except WaczError as exc:
        print(f"archivist: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Wrote {target} ({target.stat().st_size} bytes)")
    return EXIT_OK
