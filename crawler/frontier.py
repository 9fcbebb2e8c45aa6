"""The frontier of an incremental crawl, kept in the site's state store.

Decides, for every URL the spider finds, whether to fetch it in this run and how:
  - robots.txt and listing pages: every run (once per run);
  - feeds and sitemaps: when their re-check interval has passed, conditionally;
  - articles: when new; when known and due on the decaying schedule, conditionally
    (If-None-Match / If-Modified-Since, and the prior WARC record for a 304 revisit);
    never once the server said they are gone.
Every URL queued is written to the store as pending for this run before it is fetched
and cleared when it is done, so a crawl that dies resumes from the store: what was
finished is not fetched again, what was pending is. An article whose line was written
but whose state commit died with the process counts as finished (`settle_written`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from archive.capture import WarcLocation
from archive.state import CrawlState, UrlState
from archive.versions import committed_fields
from crawler.recheck import ALWAYS, RecheckPolicy

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FetchPlan:
    headers: dict[str, str] = field(default_factory=dict)  # conditional request headers
    previous: dict[str, str] | None = None  # the prior response record, for a 304 revisit
    recheck: bool = False


class Skip(str):
    """Why a URL is not fetched in this run (a stats key under archivist/skipped/)."""


# A URL answered with these is not fetched again (deleted or withdrawn).
GONE_STATUSES = frozenset({404, 410})

NOT_DUE = Skip("not_due")
GONE = Skip("gone")
# Seen before in this run: what Scrapy's dupefilter would drop too (not counted).
QUEUED = Skip("queued")
DONE_THIS_RUN = Skip("done_this_run")
UNCOUNTED = frozenset({QUEUED, DONE_THIS_RUN})


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


class Frontier:
    def __init__(self, store: CrawlState, policy: RecheckPolicy, run: str, now: datetime) -> None:
        self.store = store
        self.policy = policy
        self.run = run
        self.now = now

    # --- before fetching --------------------------------------------------------

    def plan(self, url: str, kind: str, *, resume: bool = False) -> FetchPlan | Skip:
        """How to fetch `url` now, or why not. `resume` is for URLs taken from the
        pending list, which are queued already."""
        state = self.store.url_state(url)
        if state is None:
            return FetchPlan()
        if state.pending_run == self.run and not resume:
            return QUEUED
        if state.last_run == self.run and state.pending_run is None:
            return DONE_THIS_RUN
        if state.gone:
            return GONE
        if resume:
            # Left pending by a run that died, maybe after fetching it but before its
            # line was written: fetch it again, unconditionally (a 304 gives no line).
            return FetchPlan()
        if kind in ALWAYS or state.last_fetched is None:
            return FetchPlan()
        if state.next_due is None or state.next_due > iso(self.now):
            return NOT_DUE
        return FetchPlan(_validators(state), _previous(state), recheck=True)

    def queued(self, url: str, kind: str, hops: int, discovery: dict[str, Any]) -> None:
        state = self.store.url_state(url)
        self.store.update_url(
            url,
            kind=kind if state is None or kind != "sitemap" else state.kind,
            pending_run=self.run,
            hops=hops,
            discovery=json.dumps(discovery, sort_keys=True) if discovery else None,
            first_seen=state.first_seen if state and state.first_seen else iso(self.now),
        )

    def settle_written(
        self, records: Iterable[dict[str, Any]], pending: Iterable[UrlState]
    ) -> set[str]:
        """Articles whose line this run wrote before it died, and which the store still
        holds as pending (the state commit after the line was lost with the process): their
        work is done. Commit their version and clear them, so the resume does not fetch
        them again. `pending` is `self.pending()`; returns the URLs settled."""
        mine = {state.url for state in pending if state.pending_run == self.run}
        settled: set[str] = set()
        for record in records:
            url = record.get("url")
            if url not in mine or not isinstance(record.get("version"), int):
                continue
            assert isinstance(url, str)
            self.store.update_url(url, **committed_fields(record), pending_run=None)
            settled.add(url)
        return settled

    def pending(self) -> list[UrlState]:
        """Queued by a run that did not finish them (a crash or a stop): fetch them now."""
        return self.store.pending_any()

    def due_articles(self) -> list[UrlState]:
        return self.store.due(iso(self.now))

    # --- after fetching ---------------------------------------------------------

    def fetched(
        self,
        url: str,
        kind: str,
        *,
        status: int,
        etag: str | None,
        last_modified: str | None,
        location: WarcLocation | None,
        warc_date: str | None,
        done: bool = True,
    ) -> None:
        """A fetch is over (any status): remember its facts and when it is due again.

        With `done=False` the URL stays pending until `finished` is called: an article
        whose line is not written yet is fetched again if the run dies before it is."""
        state = self.store.url_state(url)
        checks = (state.checks + 1) if state and state.last_fetched else 0
        first_seen = _parse(state.first_seen) if state and state.first_seen else self.now
        due = self.policy.next_due(kind, fetched=self.now, first_seen=first_seen, checks=checks)
        facts: dict[str, Any] = {
            "kind": kind,
            "last_fetched": iso(self.now),
            "last_status": status,
            "last_run": self.run,
            "pending_run": None if done else self.run,
            "checks": checks,
            "next_due": iso(due) if due else None,
            "gone": 1 if status in GONE_STATUSES else 0,
        }
        if status == 200:
            facts.update(etag=etag, last_modified=last_modified)
        if status == 200 and location is not None:
            facts.update(
                payload_digest=location.payload_digest,
                record_id=location.record_id,
                warc_date=warc_date,
            )
        self.store.update_url(url, **facts)

    def finished(self, url: str) -> None:
        """The work on a URL fetched with `done=False` is over (its line is written, or
        it gave none)."""
        self.store.update_url(url, pending_run=None)


def _validators(state: UrlState) -> dict[str, str]:
    headers = {}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


def _previous(state: UrlState) -> dict[str, str] | None:
    if not (state.record_id and state.warc_date):
        return None
    return {
        "uri": state.url,
        "warc_date": state.warc_date,
        "record_id": state.record_id,
        "payload_digest": state.payload_digest or "",
    }


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text)
