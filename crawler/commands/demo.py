"""`archivist demo`: serve the bundled sample site on 127.0.0.1 and crawl it."""

from __future__ import annotations

import argparse
from pathlib import Path

from crawler.commands import EXIT_OK, Subparsers


def register(commands: Subparsers) -> None:
    cmd = commands.add_parser(
        "demo", help="serve the bundled sample site on 127.0.0.1 and crawl it"
    )
    cmd.add_argument("--out", type=Path, default=Path("out"), help="output root (default: out)")
    cmd.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
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
