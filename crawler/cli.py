"""The `archivist` command line.

    archivist crawl SITE_PROFILE_OR_URL [--out DIR]   crawl a site into JSON + WARC
    archivist demo [--out DIR]                        crawl the bundled sample site
    archivist status SITE / schedule SITE --every 30m recurring crawls
    archivist seed SITE --redis URL                   start a distributed job
    archivist reparse INPUT... [-o FILE] [query]      WARCs -> articles JSONL, no fetching
    archivist index CRAWL_DIR / wacz CRAWL_DIR        CDXJ indexes, WACZ packages
    archivist warc finalize DIR                       repair WARCs after a crash
    archivist export INPUT... --format F -o OUT       JSONL, CSV, Parquet, HF datasets
    archivist extract FILE --url URL                  one page -> Article JSON
    archivist clean FILE.txt                          strip boilerplate lines from text

Each command is a module of `crawler.commands` with `register(subparsers)`; its handler
returns the exit status: 0 on success, 1 when the job failed, 2 for bad arguments, a bad
profile or an unusable output folder.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from archive.layout import OutputError
from crawler.commands import COMMANDS, EXIT_FAILED, EXIT_USAGE
from crawler.profiles import ProfileError


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=getattr(logging, args.log_level), format="%(asctime)s %(levelname)s %(message)s"
    )
    try:
        status: int = args.handler(args)
    except (ProfileError, OutputError) as exc:
        print(f"archivist: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("archivist: interrupted", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        # The reader went away ("archivist clean a.txt | head"): stop quietly. Standard output
        # is pointed at /dev/null so that Python's flush at exit does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    return status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="archivist", description="News crawler and web archiver: clean JSON + WARC."
    )
    parser.add_argument(
        "--log-level", default="INFO", choices=("DEBUG", "INFO", "WARNING", "ERROR")
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"crawler.commands.{name}").register(commands)
    return parser


if __name__ == "__main__":
    sys.exit(main())
