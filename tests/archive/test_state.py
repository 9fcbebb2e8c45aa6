from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from archive.state import MIGRATIONS, PriorCapture, StateStore


def test_migrations_apply_once_and_persist(tmp_path: Path) -> None:
    path = tmp_path / "site" / "state.sqlite"
    with StateStore(path) as store:
        assert store.schema_version == len(MIGRATIONS)
        store.update_url("http://x/a", etag='"1"', version=1)
    with StateStore(path) as store:  # reopening does not re-run migrations
        state = store.url_state("http://x/a")
        assert state is not None and state.etag == '"1"' and state.version == 1
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def test_first_capture_of_a_payload_is_kept(tmp_path: Path) -> None:
    with StateStore(tmp_path / "s.sqlite") as store:
        first = PriorCapture("http://x/a", "2024-04-20T10:00:00.000000Z", "<urn:uuid:1>")
        store.remember_payload("sha1:AAA", first)
        store.remember_payload("sha1:AAA", PriorCapture("http://x/b", "later", "<urn:uuid:2>"))
        assert store.find_payload("sha1:AAA") == first
        assert store.find_payload("sha1:BBB") is None


def test_update_url_merges_columns_and_rejects_unknown(tmp_path: Path) -> None:
    with StateStore(tmp_path / "s.sqlite") as store:
        store.update_url("http://x/a", last_status=200, etag='"e"')
        store.update_url("http://x/a", last_status=304)
        state = store.url_state("http://x/a")
        assert state is not None and (state.last_status, state.etag) == (304, '"e"')
        with pytest.raises(ValueError, match="unknown"):
            store.update_url("http://x/a", colour="red")


def test_runs(tmp_path: Path) -> None:
    with StateStore(tmp_path / "s.sqlite") as store:
        store.start_run("c1", "2024-04-20T10:00:00+00:00")
        store.finish_run("c1", "2024-04-20T10:05:00+00:00", {"articles_written": 3})
        (run,) = store.runs()
        assert run["report"] == {"articles_written": 3}
