"""The Redis state store behaves like the SQLite one: the same calls, the same answers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.redis_state import RedisStateStore, redact_url
from archive.state import CrawlState, PriorCapture, StateStore
from archive.state_backends import open_state_store


@pytest.fixture(params=["sqlite", "redis"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[CrawlState]:
    if request.param == "sqlite":
        opened: CrawlState = StateStore(tmp_path / "state.sqlite")
    else:
        opened = open_state_store("", redis_url=request.getfixturevalue("redis_url"), site="s")
    yield opened
    opened.close()


def test_payloads_keep_the_first_capture(store: CrawlState) -> None:
    assert store.find_payload("sha1:A") is None
    first = PriorCapture("http://x/a", "2024-01-01T00:00:00.000000Z", "<urn:uuid:1>")
    store.remember_payload("sha1:A", first)
    store.remember_payload("sha1:A", PriorCapture("http://x/b", "2025", "<urn:uuid:2>"))
    assert store.find_payload("sha1:A") == first


def test_url_rows_update_and_read_back_with_types(store: CrawlState) -> None:
    assert store.url_state("http://x/a") is None
    store.update_url("http://x/a", kind="article", hops=2, pending_run="r1", etag='"e"')
    store.update_url("http://x/a", last_status=200, etag=None, checks=3)
    state = store.url_state("http://x/a")
    assert state is not None
    assert (state.kind, state.hops, state.last_status, state.checks) == ("article", 2, 200, 3)
    assert state.etag is None and state.version == 0 and state.gone == 0
    with pytest.raises(ValueError, match="unknown url state columns"):
        store.update_url("http://x/a", colour="red")


def test_pending_and_due_indexes_follow_the_rows(store: CrawlState) -> None:
    store.update_url("http://x/a", kind="article", pending_run="r1")
    store.update_url("http://x/b", kind="article", pending_run="r1")
    store.update_url("http://x/a", pending_run=None, next_due="2024-05-01T10:00:00+00:00")
    store.update_url("http://x/c", kind="feed", next_due="2024-05-01T09:00:00+00:00")
    store.update_url("http://x/d", kind="article", next_due="2024-05-01T08:00:00+00:00", gone=1)
    assert [s.url for s in store.pending_any()] == ["http://x/b"]
    assert [s.url for s in store.due("2024-05-01T11:00:00+00:00")] == ["http://x/a"]
    assert store.due("2024-05-01T09:59:59+00:00") == []
    assert [s.url for s in store.next_due(5)] == ["http://x/c", "http://x/a"]


def test_runs_start_finish_and_unfinished(store: CrawlState) -> None:
    store.start_run("c1", "2024-05-01T08:00:00+00:00")
    store.finish_run("c1", "2024-05-01T08:10:00+00:00", {"pages": 3})
    store.start_run("c2", "2024-05-01T09:00:00+00:00")
    assert store.unfinished_run() == "c2"
    runs = store.runs()
    assert [r["crawl_id"] for r in runs] == ["c1", "c2"]
    assert runs[0]["report"] == {"pages": 3} and runs[1]["finished_at"] is None


def test_sites_do_not_share_state(redis_url: str) -> None:
    one = RedisStateStore.from_url(redis_url, "one")
    two = RedisStateStore.from_url(redis_url, "two")
    one.update_url("http://x/a", kind="article")
    assert two.url_state("http://x/a") is None


def test_password_is_required_and_redacted(tmp_path: Path) -> None:
    from tests.support.redis_server import running_redis

    with running_redis(tmp_path / "auth", password="s3cret") as server:
        RedisStateStore.from_url(server.url, "s").update_url("http://x/a", kind="article")
        no_password = server.url.replace(":s3cret@", "")
        with pytest.raises(ValueError, match=r"ARCHIVIST_REDIS_URL=redis://127\.0\.0\.1") as info:
            RedisStateStore.from_url(no_password, "s")
        wrong = server.url.replace("s3cret", "wrong")
        with pytest.raises(ValueError) as wrong_info:
            RedisStateStore.from_url(wrong, "s")
    assert "wrong" not in str(wrong_info.value) and ":***@" in str(wrong_info.value)
    assert "s3cret" not in str(info.value)
    assert redact_url("rediss://u:pw@h:6380/1") == "rediss://u:***@h:6380/1"
