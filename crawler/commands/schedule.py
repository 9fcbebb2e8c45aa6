"""`archivist schedule SITE --every 30m`: print (or install) a crontab line or a systemd
timer that runs the crawl. The crawl locks its site, so runs never overlap."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from crawler.commands import EXIT_FAILED, EXIT_OK, EXIT_USAGE, Subparsers
from crawler.plan import site_name
from crawler.schedule import crawl_command, crontab_line, systemd_units

SYSTEMD_USER_DIR = Path.home() / ".config" / "systemd" / "user"


def register(commands: Subparsers) -> None:
    cmd = commands.add_parser("schedule", help="print or install a recurring crawl (cron/systemd)")
    cmd.add_argument("site", help="site profile name or .toml path")
    cmd.add_argument("--every", required=True, help="period: 30m, 2h, 1d, ...")
    cmd.add_argument("--out", type=Path, default=Path("out"), help="output root (default: out)")
    cmd.add_argument("--systemd", action="store_true", help="a systemd user timer, not cron")
    cmd.add_argument("--install", action="store_true", help="install it, not just print it")
    cmd.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    name = site_name(args.site)
    out = args.out.resolve()
    archivist = Path(sys.executable).with_name("archivist")
    command = crawl_command(archivist, args.site, out)
    try:
        if args.systemd:
            units = systemd_units(name, args.every, command, Path.cwd())
            return _systemd(units, args.install)
        line = crontab_line(args.every, command, out / f"{name}-cron.log")
    except ValueError as exc:
        print(f"archivist: error: --every {args.every}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return _cron(line, args.install)


def _cron(line: str, install: bool) -> int:
    print(line)
    if not install:
        return EXIT_OK
    current = subprocess.run(["crontab", "-l"], capture_output=True, text=True, check=False)
    lines = current.stdout.splitlines() if current.returncode == 0 else []
    if line in lines:
        print("already installed", file=sys.stderr)
        return EXIT_OK
    new = "\n".join([*lines, line]) + "\n"
    done = subprocess.run(["crontab", "-"], input=new, text=True, check=False)
    return EXIT_OK if done.returncode == 0 else EXIT_FAILED


def _systemd(units: dict[str, str], install: bool) -> int:
    for name, text in units.items():
        if install:
            SYSTEMD_USER_DIR.mkdir(parents=True, exist_ok=True)
            (SYSTEMD_USER_DIR / name).write_text(text, encoding="utf-8")
            print(f"wrote {SYSTEMD_USER_DIR / name}")
        else:
            print(f"# {name}\n{text}")
    if install:
        timer = next(n for n in units if n.endswith(".timer"))
        print("enable it with: systemctl --user daemon-reload && ", end="")
        print(f"systemctl --user enable --now {timer}")
    return EXIT_OK
