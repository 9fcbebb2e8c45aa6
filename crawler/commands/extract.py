"""`archivist extract FILE --url URL [--filter-list PATH]...`: one saved page -> its Article."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from crawler.commands import (
    EXIT_OK,
    EXIT_USAGE,
    Subparsers,
    add_filter_list_argument,
    filter_list_paths,
)


def register(commands: Subparsers) -> None:
    cmd = commands.add_parser("extract", help="extract one saved page and print its Article")
    cmd.add_argument("file", type=Path, help="an HTML file (bytes as served)")
    cmd.add_argument("--url", default="", help="the page's URL (resolves links, dates)")
    cmd.add_argument(
        "--format", default="json", choices=("json", "text", "markdown"), dest="output_format"
    )
    add_filter_list_argument(cmd)
    cmd.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from parsers import ExtractOptions, extract

    try:
        data = args.file.read_bytes()
        options = ExtractOptions(filter_lists=filter_list_paths(args.filter_lists))
    except OSError as exc:
        print(f"archivist: error: cannot read {exc.filename}: {exc.strerror}", file=sys.stderr)
        return EXIT_USAGE
    article = extract(data, args.url or args.file.resolve().as_uri(), options=options)
    if args.output_format == "text":
        print(article.text)
    elif args.output_format == "markdown":
        print(article.markdown())
    else:
        print(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))
    return EXIT_OK
