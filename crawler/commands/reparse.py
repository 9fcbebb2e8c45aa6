"""`archivist reparse INPUT... [filters] [-o OUT.jsonl] [--workers N] [--on-error P]
[--filter-list PATH]... [--compare OLD.jsonl]`: stored WARCs -> articles JSONL, no fetching."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from crawler.commands import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    Subparsers,
    add_filter_list_argument,
    filter_list_paths,
)

EPILOG = """\
Each INPUT is a WARC file, a folder of them, a crawl folder (OUT/<site>/<crawl-id>) or a
site folder (OUT/<site>: its crawls in name order).
With a filter, crawl folders with an index (index.cdxj) are read by the index: only the
matching records are read. Otherwise every record is read and filtered.
With -o, a checkpoint (OUT.checkpoint, OUT.journal) is kept: run the same command again
after an interruption to resume. When done, OUT.manifest.json records the parser
version, inputs, query and counts.
"""


def register(commands: Subparsers) -> None:
    cmd = commands.add_parser(
        "reparse",
        help="run the current parser over stored WARCs (no fetching)",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cmd.add_argument("paths", nargs="+", type=Path, metavar="INPUT")
    cmd.add_argument(
        "-o", "--output", type=Path, help="articles JSONL to write (default: standard output)"
    )
    query = cmd.add_argument_group("filters (on the captured record)")
    query.add_argument("--url-prefix", help="URLs starting with this")
    query.add_argument("--url-regex", help="URLs in which this regex is found")
    query.add_argument("--domain", help="this host and its subdomains")
    query.add_argument("--from", dest="since", help="captured on or after (YYYY-MM-DD or ISO)")
    query.add_argument("--to", dest="until", help="captured on or before (a date: the whole day)")
    query.add_argument("--mime", help="this Content-Type (without parameters), e.g. text/html")
    cmd.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="extraction processes (default: all cores; 1: no pool)",
    )
    cmd.add_argument(
        "--on-error",
        choices=("raise", "log", "skip"),
        default="log",
        help="a page that fails: stop (raise), warn and count (log, default), count (skip)",
    )
    cmd.add_argument(
        "--checkpoint-every",
        type=int,
        default=500,
        metavar="N",
        help="responses between checkpoints",
    )
    add_filter_list_argument(cmd)
    cmd.add_argument("--compare", type=Path, metavar="OLD.jsonl", help="report changes against")
    cmd.add_argument("--compare-json", type=Path, metavar="FILE", help="also write it as JSON")
    cmd.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from archive.reparse import ErrorPolicy, ReparseError, ReparseJob, reparse, reparse_to_file
    from archive.reparse_select import RecordQuery, SelectionError, warc_timestamp
    from parsers import ExtractOptions

    if args.workers < 1 or args.checkpoint_every < 1:
        print("archivist: error: --workers and --checkpoint-every must be >= 1", file=sys.stderr)
        return EXIT_USAGE
    if args.compare and not args.output:
        print("archivist: error: --compare needs -o OUT.jsonl", file=sys.stderr)
        return EXIT_USAGE
    try:
        options = ExtractOptions(filter_lists=filter_list_paths(args.filter_lists))
    except OSError as exc:
        print(f"archivist: error: cannot read {exc.filename}: {exc.strerror}", file=sys.stderr)
        return EXIT_USAGE
    try:
        query = RecordQuery(
            url_prefix=args.url_prefix,
            url_regex=args.url_regex,
            domain=args.domain,
            since=warc_timestamp(args.since) if args.since else None,
            until=warc_timestamp(args.until, end_of_day=True) if args.until else None,
            mime=args.mime,
        )
        job = ReparseJob(
            tuple(args.paths),
            query,
            workers=args.workers,
            on_error=ErrorPolicy(args.on_error),
            checkpoint_every=args.checkpoint_every,
            options=options,
        )
        if args.output:
            report = reparse_to_file(job, args.output)
        else:
            report = reparse(job, sys.stdout.buffer)
    except SelectionError as exc:
        print(f"archivist: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ReparseError as exc:
        print(f"archivist: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(report.summary(), file=sys.stderr)
    if args.compare:
        _compare(args.compare, args.output, args.compare_json)
    return EXIT_OK if report.files_read else EXIT_FAILED


def _compare(old: Path, new: Path, json_path: Path | None) -> None:
    from archive.compare import compare

    comparison = compare(old, new)
    print(comparison.summary())
    if json_path is not None:
        json_path.write_text(json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2))
