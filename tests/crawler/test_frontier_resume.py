"""A resumed run settles the articles whose line was written but whose state commit died
with the process: they are done, not fetched again."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from archive.records import read_json_lines, to_json_line
from archive.state import StateStore
from archive.versions import field_digests
from crawler.frontier import DONE_THIS_RUN, FetchPlan, Frontier
from crawler.recheck import RecheckPolicy

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
RUN = "20261206T120000Z"


def record(url: str, version: int = 1) -> dict[str, object]:
    return {
        "url": url,
        "title": "A title",
        "text": "Body of " + url,
        "version": version,
        "text_digest": "d-" + url,
    }


def test_written_but_uncommitted_article_is_settled(tmp_path: Path) -> None:
    with StateStore(tmp_path / "state.sqlite") as store:
        frontier = Frontier(store, RecheckPolicy(), RUN, NOW)
        for url in ("http://x/a", "http://x/b", "http://x/c"):
            frontier.queued(url, "article", 1, {})
        # a was fetched and its line written, then the process died before the commit;
        # b was fetched but no line was written; c was never fetched.
        for url in ("http://x/a", "http://x/b"):
            frontier.fetched(
                url,
                "article",
                status=200,
                etag=None,
                last_modified=None,
                location=None,
                warc_date=None,
                done=False,
            )
        written = record("http://x/a")

        assert frontier.settle_written([written], frontier.pending()) == {"http://x/a"}

        state = store.url_state("http://x/a")
        assert state is not None and state.pending_run is None
        assert state.version == 1 and state.text_digest == "d-http://x/a"
        assert json.loads(state.field_digests or "{}") == field_digests(written)
        assert frontier.plan("http://x/a", "article") == DONE_THIS_RUN
        assert [s.url for s in frontier.pending()] == ["http://x/b", "http://x/c"]
        assert isinstance(frontier.plan("http://x/b", "article", resume=True), FetchPlan)


def test_only_this_runs_pending_urls_are_settled(tmp_path: Path) -> None:
    with StateStore(tmp_path / "state.sqlite") as store:
        Frontier(store, RecheckPolicy(), "earlier-run", NOW).queued("http://x/a", "article", 1, {})
        frontier = Frontier(store, RecheckPolicy(), RUN, NOW)
        # pending in another run, unknown to the store, and a line without a version
        lines = [record("http://x/a"), record("http://x/new"), {"url": "http://x/a"}]
        assert frontier.settle_written(lines, frontier.pending()) == set()
        state = store.url_state("http://x/a")
        assert state is not None and state.pending_run == "earlier-run" and not state.version
        assert store.url_state("http://x/new") is None


def test_torn_lines_are_not_read_as_written(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    whole = to_json_line(record("http://x/a"))
    # a complete line, a line cut mid-JSON, and a last line whose newline never came
    path.write_text(f"{whole}\n{whole[:20]}\n{to_json_line(record('http://x/c'))}", "utf-8")
    assert [r["url"] for r in read_json_lines(path)] == ["http://x/a"]
    assert list(read_json_lines(tmp_path / "missing.jsonl")) == []
