"""The `archivist` command line.

    archivist crawl SITE_PROFILE_OR_URL [--out DIR]   crawl a site into JSON + WARC
    archivist demo [--out DIR]                        crawl the bundled sample site
    archivist reparse WARC_OR_DIR... [-o FILE]        WARCs -> articles JSONL, no fetching
    archivist export ARTICLES.jsonl... --format F -o OUT
    archivist extract FILE --url URL                  one page -> Article JSON
    archivist clean FILE.txt                          strip boilerplate lines from text

Exit status: 0 on success, 1 when the job failed, 2 for bad arguments or a bad profile.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from archive.layout import OutputError
from crawler.profiles import ProfileError

logger = logging.getLogger("archivist")

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


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
    return status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="archivist", description="News crawler and web archiver: clean JSON + WARC."
    )
    parser.add_argument(
        "--log-level", default="INFO", choices=("DEBUG", "INFO", "WARNING", "ERROR")
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_crawl(commands)
    _add_demo(commands)
    _add_reparse(commands)
    _add_export(commands)
    _add_extract(commands)
    _add_clean(commands)
    return parser


# --- crawl and demo -------------------------------------------------------------


def _add_crawl(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = commands.add_parser("crawl", help="crawl a site into articles JSONL and WARC files")
    cmd.add_argument("site", help="site profile name (sites/NAME.toml), a .toml path, or a URL")
    cmd.add_argument("--out", type=Path, default=Path("out"), help="output root (default: out)")
    cmd.add_argument("--base-url", help="base for site-relative URLs in the profile")
    cmd.add_argument("--crawl-id", help="crawl id (default: the UTC start time)")
    cmd.add_argument(
        "-s",
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a Scrapy/Archivist setting (repeatable)",
    )
    cmd.set_defaults(handler=_crawl)


def _settings_overrides(pairs: Sequence[str]) -> dict[str, str]:
    overrides = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise ProfileError(f"--set {pair!r}: expected NAME=VALUE")
        overrides[name.strip()] = value
    return overrides


def _crawl(args: argparse.Namespace) -> int:
    from crawler.plan import prepare_crawl
    from crawler.report import summary
    from crawler.run import run_crawl

    plan = prepare_crawl(
        args.site, output_dir=args.out, base_url=args.base_url, crawl_id=args.crawl_id
    )
    report = run_crawl(plan, base_url=args.base_url, settings=_settings_overrides(args.set))
    print(summary(report))
    return EXIT_OK


def _add_demo(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = commands.add_parser(
        "demo", help="serve the bundled sample site on 127.0.0.1 and crawl it"
    )
    cmd.add_argument("--out", type=Path, default=Path("out"), help="output root (default: out)")
    cmd.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace) -> int:
    from crawler.plan import prepare_crawl
    from crawler.profiles import SITES_DIR
    from crawler.report import summary
    from crawler.run import run_crawl
    from crawler.sample_site.server import SampleSiteServer

    with SampleSiteServer() as server:
        print(f"Sample site served at {server.base_url}")
        plan = prepare_crawl(
            str(SITES_DIR / "demo.toml"), output_dir=args.out, base_url=server.base_url
        )
        # The sample site is ours and local: no need to wait between requests.
        report = run_crawl(
            plan, base_url=server.base_url, settings={"AUTOTHROTTLE_START_DELAY": 0.05}
        )
    print(summary(report))
    print(f"  open one article: head -n 1 {report['outputs']['articles']}")
    return EXIT_OK


# --- reparse and export ----------------------------------------------------------


def _add_reparse(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = commands.add_parser(
        "reparse", help="run the current parser over stored WARCs (no fetching)"
    )
    cmd.add_argument("paths", nargs="+", type=Path, metavar="WARC_OR_DIR")
    cmd.add_argument(
        "-o", "--output", type=Path, help="articles JSONL to write (default: standard output)"
    )
    cmd.set_defaults(handler=_reparse)


def _reparse(args: argparse.Namespace) -> int:
    from archive.reparse import reparse

    stream = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    try:
        report = reparse(args.paths, stream)
    finally:
        if args.output:
            stream.close()
    print(report.summary(), file=sys.stderr)
    return EXIT_OK if report.files_read else EXIT_FAILED


def _add_export(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from archive.export import FORMATS

    cmd = commands.add_parser("export", help="export articles JSONL to JSONL, CSV or Parquet")
    cmd.add_argument("inputs", nargs="+", type=Path, metavar="ARTICLES.jsonl")
    cmd.add_argument("--format", required=True, choices=FORMATS)
    cmd.add_argument("-o", "--output", required=True, type=Path)
    cmd.set_defaults(handler=_export)


def _export(args: argparse.Namespace) -> int:
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


# --- one page or one text ---------------------------------------------------------


def _add_extract(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = commands.add_parser("extract", help="extract one saved page and print its Article")
    cmd.add_argument("file", type=Path, help="an HTML file (bytes as served)")
    cmd.add_argument("--url", default="", help="the page's URL (resolves links, dates)")
    cmd.add_argument(
        "--format", default="json", choices=("json", "text", "markdown"), dest="output_format"
    )
    cmd.set_defaults(handler=_extract)


def _extract(args: argparse.Namespace) -> int:
    from parsers import extract

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        print(f"archivist: error: cannot read {args.file}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    article = extract(data, args.url or args.file.resolve().as_uri())
    if args.output_format == "text":
        print(article.text)
    elif args.output_format == "markdown":
        print(article.markdown())
    else:
        print(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))
    return EXIT_OK


def _add_clean(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = commands.add_parser("clean", help="strip boilerplate lines from extracted text")
    cmd.add_argument("file", type=Path, help="a UTF-8 text file ('-' for standard input)")
    cmd.add_argument("--show-removed", action="store_true", help="list what was removed")
    cmd.set_defaults(handler=_clean)


def _clean(args: argparse.Namespace) -> int:
    from parsers import clean_text

    text = sys.stdin.read() if str(args.file) == "-" else args.file.read_text(encoding="utf-8")
    result = clean_text(text)
    print(result.text)
    if args.show_removed:
        for removed in result.removed:
            print(f"[removed {removed.kind}] {removed.text}", file=sys.stderr)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
