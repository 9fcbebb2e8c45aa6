"""`archivist status SITE`: past runs of a site and the URLs due next."""

from __future__ import annotations

import argparse
from pathlib import Path

from archive.layout import site_state_db
from archive.state import StateStore
from crawler.commands import EXIT_OK, EXIT_USAGE, Subparsers
from crawler.plan import site_name


def register(commands: Subparsers) -> None:
    cmd = commands.add_parser("status", help="list past runs of a site and its next due URLs")
    cmd.add_argument("site", help="site profile name, .toml path, or URL")
    cmd.add_argument("--out", type=Path, default=Path("out"), help="output root (default: out)")
    cmd.add_argument("--due", type=int, default=10, help="how many due URLs to list")
    cmd.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    name = site_name(args.site)
    state_db = site_state_db(args.out, name)
    if not state_db.exists():
        print(f"archivist: no crawl state for site '{name}' in {args.out}")
        return EXIT_USAGE
    with StateStore(state_db) as store:
        runs = store.runs()
        due = store.next_due(args.due)
    print(f"Site '{name}': {len(runs)} run(s)")
    print(
        f"{'crawl id':<20} {'started':<26} {'secs':>7} {'new':>5} {'upd':>5} "
        f"{'same':>5} {'failed':>6}  finish"
    )
    for row in runs:
        report = row["report"] or {}
        print(
            f"{row['crawl_id']:<20} {row['started_at']:<26} "
            f"{report.get('duration_seconds', 0):>7.1f} {report.get('articles_new', 0):>5} "
            f"{report.get('articles_updated', 0):>5} {report.get('articles_unchanged', 0):>5} "
            f"{report.get('errors_total', 0):>6}  "
            f"{report.get('finish_reason') or 'unfinished'}"
        )
    print(f"Next due ({len(due)}):")
    for state in due:
        print(f"  {state.next_due}  {state.kind:<12} {state.url}")
    return EXIT_OK
