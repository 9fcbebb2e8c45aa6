"""Recurring crawls: crontab lines and systemd timer units, and the per-site run lock.

A crawl takes an exclusive lock on OUT/<site>/crawl.lock for as long as it runs, so two
runs of one site never overlap whatever starts them (cron, a timer, Scrapyd, a person);
a run that finds the lock taken says so and exits without crawling.
"""

from __future__ import annotations

import fcntl
import os
import shlex
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from archive.layout import OutputError
from crawler.recheck import parse_duration


class AlreadyRunning(RuntimeError):
    """Another run of the same site holds the lock."""


# Lock files this process holds, so that the CLI and the spider (in one process) can both
# ask for the lock of a site without locking themselves out.
_HELD: set[Path] = set()


@contextmanager
def site_lock(site_root: Path) -> Iterator[None]:
    try:
        site_root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder {site_root}: {exc}") from exc
    path = (site_root / "crawl.lock").resolve()
    if path in _HELD:
        yield
        return
    with path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            raise AlreadyRunning(
                f"another crawl of this site is running (pid {holder}, lock {path})"
            ) from exc
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        _HELD.add(path)
        try:
            yield
        finally:
            _HELD.discard(path)
            fcntl.flock(handle, fcntl.LOCK_UN)


def cron_expression(every: timedelta) -> str:
    """A crontab time spec for a period that cron can express exactly."""
    minutes = int(every.total_seconds() // 60)
    if minutes <= 0 or every.total_seconds() % 60:
        raise ValueError("the period must be a whole number of minutes")
    if minutes < 60 and 60 % minutes == 0:
        return f"*/{minutes} * * * *"
    if minutes % 60 == 0 and (hours := minutes // 60) < 24 and 24 % hours == 0:
        return f"0 */{hours} * * *"
    if minutes == 24 * 60:
        return "0 3 * * *"
    raise ValueError(
        f"cron cannot run every {every}; use a divisor of an hour or a day, or --systemd"
    )


def crawl_command(archivist: Path, site: str, out: Path) -> str:
    return " ".join(
        shlex.quote(part) for part in (str(archivist), "crawl", site, "--out", str(out))
    )


def crontab_line(every: str, command: str, log: Path) -> str:
    spec = cron_expression(parse_duration(every))
    return f"{spec} {command} >> {shlex.quote(str(log))} 2>&1"


def systemd_units(name: str, every: str, command: str, workdir: Path) -> dict[str, str]:
    """The .service and .timer files of a user timer that runs the crawl."""
    seconds = int(parse_duration(every).total_seconds())
    service = (
        "[Unit]\n"
        f"Description=Archivist crawl of {name}\n\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"WorkingDirectory={workdir}\n"
        f"ExecStart={command}\n"
    )
    timer = (
        "[Unit]\n"
        f"Description=Run the Archivist crawl of {name} every {every}\n\n"
        "[Timer]\n"
        "OnBootSec=5min\n"
        f"OnUnitActiveSec={seconds}s\n"
        "Persistent=true\n\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )
    return {f"archivist-{name}.service": service, f"archivist-{name}.timer": timer}
