"""`archivist crawl SITE`: crawl a site into articles JSONL, WARC files and crawl.json."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from crawler.commands import EXIT_OK, Subparsers
from crawler.profiles import ProfileError


def register(commands: Subparsers) -> None:
    cmd = commands.add_parser("crawl", help="crawl a site into articles JSONL and WARC files")
    cmd.add_argument("site", help="site profile name (sites/NAME.toml), a .toml path, or a URL")
    cmd.add_argument("--out", type=Path, default=Path("out"), help="output root (default: out)")
    cmd.add_argument("--base-url", help="base for site-relative URLs in the profile")
    cmd.add_argument("--crawl-id", help="crawl id (default: the UTC start time)")
    cmd.add_argument(
        "--redis",
        metavar="URL",
        help="run as a worker of the site's cluster job in this Redis "
        "(redis://[:PASSWORD@]HOST:PORT/DB, rediss:// for TLS); see `archivist seed`",
    )
    cmd.add_argument(
        "--worker", help="this worker's name in its files (default: HOSTNAME-PID; with --redis)"
    )
    cmd.add_argument(
        "-s",
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a Scrapy/Archivist setting (repeatable)",
    )
    cmd.set_defaults(handler=run)


def _settings_overrides(pairs: Sequence[str]) -> dict[str, str]:
    overrides = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise ProfileError(f"--set {pair!r}: expected NAME=VALUE")
        overrides[name.strip()] = value
    return overrides


def run(args: argparse.Namespace) -> int:
    from crawler.report import summary
    from crawler.run import crawl_site
    from crawler.schedule import AlreadyRunning

    settings: dict[str, Any] = dict(_settings_overrides(args.set))
    redis_url = args.redis or settings.get("ARCHIVIST_REDIS_URL")
    if redis_url:
        from crawler.distributed.job import default_worker_name, worker_settings

        worker = args.worker or settings.get("ARCHIVIST_WORKER") or default_worker_name()
        settings.update(worker_settings(redis_url, worker))
        # A cluster scales out with more workers; each extracts in its own process,
        # which keeps the in-flight and claim windows as small as the tests measure.
        settings.setdefault("ARCHIVIST_EXTRACT_WORKERS", 0)
    elif args.worker:
        raise ProfileError("--worker names a cluster worker: it needs --redis URL")
    try:
        report = crawl_site(
            args.site,
            output_dir=args.out,
            base_url=args.base_url,
            crawl_id=args.crawl_id,
            settings=settings,
        )
    except AlreadyRunning as exc:
        print(f"archivist: not crawling {args.site}: {exc}", file=sys.stderr)
        return EXIT_OK
    print(summary(report))
    return EXIT_OK
