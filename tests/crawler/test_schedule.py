from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from crawler.recheck import RecheckPolicy, parse_duration
from crawler.schedule import (
    AlreadyRunning,
    cron_expression,
    crontab_line,
    site_lock,
    systemd_units,
)


@pytest.mark.parametrize(
    ("every", "spec"),
    [("15m", "*/15 * * * *"), ("30m", "*/30 * * * *"), ("2h", "0 */2 * * *"), ("1d", "0 3 * * *")],
)
def test_cron_expression(every: str, spec: str) -> None:
    assert cron_expression(parse_duration(every)) == spec


@pytest.mark.parametrize("every", ["7m", "5h", "3d", "30s"])
def test_cron_refuses_periods_it_cannot_express(every: str) -> None:
    with pytest.raises(ValueError):
        cron_expression(parse_duration(every))


def test_crontab_line_and_systemd_units(tmp_path: Path) -> None:
    line = crontab_line("30m", "/x/archivist crawl demo --out /o", tmp_path / "log")
    assert line.startswith("*/30 * * * * /x/archivist crawl demo")
    units = systemd_units("demo", "30m", "/x/archivist crawl demo", tmp_path)
    assert "OnUnitActiveSec=1800s" in units["archivist-demo.timer"]
    assert "ExecStart=/x/archivist crawl demo" in units["archivist-demo.service"]


def test_site_lock_excludes_another_process(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from crawler.schedule import site_lock\n"
        "with site_lock(Path(sys.argv[1])):\n    print('locked', flush=True); sys.stdin.read()\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(AlreadyRunning, match=f"pid {holder.pid}"), site_lock(tmp_path):
            pass
    finally:
        holder.communicate("")
    with site_lock(tmp_path), site_lock(tmp_path):  # free again; re-entrant in one process
        pass


def test_recheck_schedule_decays_then_stops() -> None:
    from datetime import UTC, datetime

    policy = RecheckPolicy()
    first = datetime(2024, 4, 20, tzinfo=UTC)
    dues = [policy.next_due("article", fetched=first, first_seen=first, checks=n) for n in range(5)]
    assert dues[:4] == [first + d for d in policy.articles]
    assert dues[4] is None
    assert policy.next_due("feed", fetched=first, first_seen=first, checks=9) == first + timedelta(
        minutes=30
    )
    assert policy.next_due("listing", fetched=first, first_seen=first, checks=0) is None
