"""`archivist index CRAWL_DIR...`: CDXJ indexes of a crawl's WARC files, merged."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.commands import EXIT_FAILED, EXIT_OK, EXIT_USAGE, Subparsers


def register(commands: Subparsers) -> None:
    cmd = commands.add_parser(
        "index", help="write CDXJ indexes of a crawl's WARC files and the crawl's merged index"
    )
    cmd.add_argument("crawls", nargs="+", type=Path, metavar="CRAWL_DIR")
    cmd.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from archive.index import merge_indexes, write_file_index
    from archive.layout import CrawlLayout
    from archive.reader import expand_warc_paths

    status = EXIT_OK
    for crawl in args.crawls:
        layout = CrawlLayout(crawl)
        warcs = expand_warc_paths([layout.warc_dir]) if layout.warc_dir.is_dir() else []
        if not warcs:
            print(f"archivist: error: no finished WARC files in {layout.warc_dir}", file=sys.stderr)
            status = EXIT_USAGE
            continue
        try:
            indexes = [write_file_index(path, layout.index_dir) for path in warcs]
            lines = merge_indexes(indexes, layout.index)
        except OSError as exc:
            print(f"archivist: error: indexing {crawl} failed: {exc}", file=sys.stderr)
            status = EXIT_FAILED
            continue
        print(f"Indexed {len(warcs)} WARC file(s) of {crawl}: {lines} lines in {layout.index}")
    return status
