"""`archivist seed SITE --redis URL`: start a cluster job and queue its start requests."""

from __future__ import annotations

import argparse
from pathlib import Path

from crawler.commands import EXIT_OK, Subparsers
from crawler.commands.crawl import _settings_overrides


def register(commands: Subparsers) -> None:
    cmd = commands.add_parser(
        "seed", help="start a cluster job: queue a site's start URLs, sitemaps and feeds in Redis"
    )
    cmd.add_argument("site", help="site profile name (sites/NAME.toml), a .toml path, or a URL")
    cmd.add_argument(
        "--redis",
        metavar="URL",
        required=True,
        help="the cluster's Redis (redis://[:PASSWORD@]HOST:PORT/DB, rediss:// for TLS)",
    )
    cmd.add_argument("--out", type=Path, default=Path("out"), help="output root (default: out)")
    cmd.add_argument("--base-url", help="base for site-relative URLs in the profile")
    cmd.add_argument("--crawl-id", help="the job's crawl id (default: the UTC start time)")
    cmd.add_argument(
        "-s",
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a Scrapy/Archivist setting (repeatable), e.g. ARCHIVIST_NOW",
    )
    cmd.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from crawler.distributed.seed import seed_job

    report = seed_job(
        args.site,
        redis_url=args.redis,
        output_dir=args.out,
        base_url=args.base_url,
        crawl_id=args.crawl_id,
        settings=_settings_overrides(args.set),
    )
    skipped = ", ".join(f"{k}: {v}" for k, v in sorted(report.skipped.items())) or "none"
    print(f"Seeded job {report.job} of site '{report.site}': {report.queued} requests queued")
    print(f"  skipped: {skipped}")
    print(f"  workers: archivist crawl {args.site} --redis URL [--worker NAME]")
    return EXIT_OK
