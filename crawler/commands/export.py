"""`archivist export INPUT... --format F -o OUT [filters] [dedup]`: datasets from crawls.

INPUT is an articles JSONL file, a crawl folder, a site folder or a whole output root
(see archive.export.inputs). Prints progress while it runs and a summary at the end.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from crawler.commands import EXIT_OK, EXIT_USAGE, Subparsers

if TYPE_CHECKING:  # archive.export loads pyarrow: imported when the command runs
    from archive.export import ExportOptions

EPILOG = """\
Rows: the newest capture of each URL (canonical URL, else URL) unless --all-versions;
provenance columns (warc_*, parser_version, crawl_id, crawl_site) are always written.
Dedup: 'exact' drops articles with the same text digest; 'near' also drops similar
texts (MinHash LSH on word 5-grams, needs archivist[neardup]); --keep chooses the one
kept in each cluster. Clusters are reported in OUT.duplicates.jsonl (or --clusters).
"""


def register(commands: Subparsers) -> None:
    from archive.export import FORMATS, Keep

    cmd = commands.add_parser(
        "export",
        help="export articles to JSONL, CSV, Parquet or a Hugging Face datasets folder",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cmd.add_argument("inputs", nargs="+", type=Path, metavar="INPUT")
    cmd.add_argument("--format", required=True, choices=FORMATS)
    cmd.add_argument("-o", "--output", required=True, type=Path)
    cmd.add_argument("--fields", type=_names, default=(), help="columns to keep, a,b,c")
    cmd.add_argument(
        "--partition", type=_names, default=(), help="parquet only: site, month or site,month"
    )
    cmd.add_argument("--title", default="Archivist news export", help="dataset card title")
    filters = cmd.add_argument_group("filters")
    filters.add_argument(
        "--site", type=_names, action="extend", default=[], help="crawl site(s), a,b"
    )
    filters.add_argument("--since", type=date.fromisoformat, help="published on or after")
    filters.add_argument("--until", type=date.fromisoformat, help="published on or before")
    filters.add_argument(
        "--language", type=_names, action="extend", default=[], help="ISO 639-1 code(s), a,b"
    )
    filters.add_argument("--min-words", type=int, default=0, help="CJK: one per character")
    filters.add_argument("--url-pattern", type=re.compile, help="regex searched in the URL")
    dedup = cmd.add_argument_group("versions and dedup")
    dedup.add_argument("--all-versions", action="store_true", help="keep every capture")
    dedup.add_argument("--dedup", choices=("none", "exact", "near"), default="none")
    dedup.add_argument("--near-threshold", type=float, default=0.8, help="Jaccard, 0-1")
    dedup.add_argument(
        "--keep",
        choices=[k.value for k in Keep],
        default=Keep.NEWEST.value,
        help="which row of a duplicate cluster stays",
    )
    dedup.add_argument("--clusters", type=Path, help="duplicate cluster report (JSONL)")
    cmd.set_defaults(handler=run)


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(",") if name.strip())


def run(args: argparse.Namespace) -> int:
    from archive.export import ExportError, export

    try:
        report = export(args.inputs, args.output, options_from(args))
    except ExportError as exc:
        print(f"archivist: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(report.summary(), file=sys.stderr)
    return EXIT_OK


def options_from(args: argparse.Namespace) -> ExportOptions:
    from archive.export import Dedup, ExportOptions, Filters, Keep

    filters = Filters(
        sites=frozenset(args.site),
        since=args.since,
        until=args.until,
        languages=frozenset(args.language),
        min_words=args.min_words,
        url_pattern=args.url_pattern,
    )
    dedup = Dedup(
        all_versions=args.all_versions,
        exact=args.dedup in ("exact", "near"),
        near=args.dedup == "near",
        near_threshold=args.near_threshold,
        keep=Keep(args.keep),
    )
    return ExportOptions(
        fmt=args.format,
        fields=args.fields,
        filters=filters,
        dedup=dedup,
        partition=args.partition,
        clusters=args.clusters,
        title=args.title,
    )
