"""`archivist demo`: serve the bundled sample site on 127.0.0.1 and crawl it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.commands import EXIT_OK, Subparsers
from crawler.sample_site.server import SampleSiteServer

# The demo site's port: fixed, so that a second `archivist demo` into the same folder
# sees the same URLs and shows the incremental crawl; a free port if it is taken.
DEMO_PORT = 8754


def register(commands: Subparsers) -> None:
    cmd = commands.add_parser(
        "demo", help="serve the bundled sample site on 127.0.0.1 and crawl it"
    )
    cmd.add_argument("--out", type=Path, default=Path("out"), help="output root (default: out)")
    cmd.add_argument("--port", type=int, default=DEMO_PORT, help=f"default {DEMO_PORT}")
    cmd.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from crawler.profiles import SITES_DIR
    from crawler.report import summary
    from crawler.run import crawl_site

    with _server(args.port) as server:
        print(f"Sample site served at {server.base_url}")
        # The sample site is ours and local: no need to wait between requests.
        report = crawl_site(
            str(SITES_DIR / "demo.toml"),
            output_dir=args.out,
            base_url=server.base_url,
            settings={"AUTOTHROTTLE_START_DELAY": 0.05},
        )
    print(summary(report))
    print(f"  open one article: head -n 1 {report['outputs']['articles']}")
    print("  run the demo again into the same folder to see an incremental crawl")
    return EXIT_OK


def _server(port: int) -> SampleSiteServer:
    server = SampleSiteServer(port=port)
    try:
        server.start()
    except OSError:
        print(f"Port {port} is taken; serving on a free port instead", file=sys.stderr)
        server = SampleSiteServer(port=0)
        server.start()
    return server
