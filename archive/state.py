"""The crawl state store: an embedded SQLite database per site.

It remembers, across runs of a recurring crawl:
  - `urls`: per URL the last fetch (time, status, ETag, Last-Modified, payload digest,
    WARC record), the article's text digest and version, and when it is due again;
  - `payloads`: per payload digest the first capture that stored it, so a later identical
    payload is written as a WARC `revisit` record instead of a second copy;
  - `runs`: one row per crawl run with its report.

The schema is versioned with SQLite's `user_version` and upgraded by the numbered
migrations in `MIGRATIONS`; never edit a migration that has shipped, add one.
Writes happen on the crawl's reactor thread; WAL mode lets readers (`archivist status`)
look in while a crawl runs.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, Self

MIGRATIONS: tuple[str, ...] = (
    # 1: URLs, payload digests, runs.
    """
    CREATE TABLE urls (
        url TEXT PRIMARY KEY,
        kind TEXT,
        last_fetched TEXT,
        last_status INTEGER,
        etag TEXT,
        last_modified TEXT,
        payload_digest TEXT,
        record_id TEXT,
        warc_date TEXT,
        text_digest TEXT,
        version INTEGER NOT NULL DEFAULT 0,
        next_due TEXT,
        checks INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX urls_next_due ON urls (next_due);
    CREATE TABLE payloads (
        digest TEXT PRIMARY KEY,
        uri TEXT NOT NULL,
        warc_date TEXT NOT NULL,
        record_id TEXT NOT NULL
    );
    CREATE TABLE runs (
        crawl_id TEXT PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        report TEXT
    );
    """,
    # 2: incremental crawling: per-field digests for changed_fields, discovery facts and
    # the frontier of a run (pending_run) so a crashed run resumes where it stopped.
    """
    ALTER TABLE urls ADD COLUMN first_seen TEXT;
    ALTER TABLE urls ADD COLUMN field_digests TEXT;
    ALTER TABLE urls ADD COLUMN discovery TEXT;
    ALTER TABLE urls ADD COLUMN hops INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE urls ADD COLUMN pending_run TEXT;
    ALTER TABLE urls ADD COLUMN last_run TEXT;
    ALTER TABLE urls ADD COLUMN gone INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX urls_pending_run ON urls (pending_run);
    """,
)


@dataclass(frozen=True, slots=True)
class PriorCapture:
    """The capture a revisit record refers to."""

    uri: str
    warc_date: str
    record_id: str


@dataclass(frozen=True, slots=True)
class UrlState:
    url: str
    kind: str | None
    last_fetched: str | None
    last_status: int | None
    etag: str | None
    last_modified: str | None
    payload_digest: str | None
    record_id: str | None
    warc_date: str | None
    text_digest: str | None
    version: int
    next_due: str | None
    checks: int
    first_seen: str | None = None
    field_digests: str | None = None  # JSON {field: digest}
    discovery: str | None = None  # JSON of the record's `discovery` facts
    hops: int = 0
    pending_run: str | None = None  # the run that queued it and has not finished it
    last_run: str | None = None  # the run that last fetched it
    gone: int = 0  # 1 once the server answered 404/410 for it


class CrawlState(Protocol):
    """What the crawl needs of a state store: `StateStore` (SQLite, one machine) and
    `archive.redis_state.RedisStateStore` (shared by the workers of a cluster) both fit."""

    def find_payload(self, digest: str) -> PriorCapture | None: ...
    def remember_payload(self, digest: str, capture: PriorCapture) -> None: ...
    def url_state(self, url: str) -> UrlState | None: ...
    def update_url(self, url: str, **fields: Any) -> None: ...
    def pending_any(self) -> list[UrlState]: ...
    def due(self, now: str, kinds: tuple[str, ...] = ("article",)) -> list[UrlState]: ...
    def next_due(self, limit: int = 10) -> list[UrlState]: ...
    def unfinished_run(self) -> str | None: ...
    def start_run(self, crawl_id: str, started_at: str) -> None: ...
    def finish_run(self, crawl_id: str, finished_at: str, report: dict[str, Any]) -> None: ...
    def runs(self) -> list[dict[str, Any]]: ...
    def close(self) -> None: ...


class StateStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._migrate()

    @property
    def schema_version(self) -> int:
        version: int = self._db.execute("PRAGMA user_version").fetchone()[0]
        return version

    def _migrate(self) -> None:
        for number in range(self.schema_version, len(MIGRATIONS)):
            with self._db:
                self._db.execute("BEGIN")
                self._db.executescript(MIGRATIONS[number])
                self._db.execute(f"PRAGMA user_version = {number + 1}")

    # --- payload digests (WARC revisits) -----------------------------------------

    def find_payload(self, digest: str) -> PriorCapture | None:
        row = self._db.execute(
            "SELECT uri, warc_date, record_id FROM payloads WHERE digest = ?", (digest,)
        ).fetchone()
        return PriorCapture(row["uri"], row["warc_date"], row["record_id"]) if row else None

    def remember_payload(self, digest: str, capture: PriorCapture) -> None:
        """Keep the first capture of a payload; later ones do not replace it."""
        self._db.execute(
            "INSERT OR IGNORE INTO payloads (digest, uri, warc_date, record_id) "
            "VALUES (?, ?, ?, ?)",
            (digest, capture.uri, capture.warc_date, capture.record_id),
        )

    # --- URLs ---------------------------------------------------------------------

    def url_state(self, url: str) -> UrlState | None:
        row = self._db.execute("SELECT * FROM urls WHERE url = ?", (url,)).fetchone()
        return UrlState(**dict(row)) if row else None

    def update_url(self, url: str, **fields: Any) -> None:
        """Insert or update the row of `url` with the given columns."""
        unknown = set(fields) - set(UrlState.__dataclass_fields__)
        if unknown:
            raise ValueError(f"unknown url state columns: {sorted(unknown)}")
        columns = ["url", *fields]
        placeholders = ", ".join("?" for _ in columns)
        updates = ", ".join(f"{c} = excluded.{c}" for c in fields) or "url = url"
        self._db.execute(
            f"INSERT INTO urls ({', '.join(columns)}) VALUES ({placeholders}) "
            f"ON CONFLICT (url) DO UPDATE SET {updates}",
            (url, *fields.values()),
        )

    def pending_any(self) -> list[UrlState]:
        """URLs queued by some run and not finished (the frontier to resume)."""
        rows = self._db.execute(
            "SELECT * FROM urls WHERE pending_run IS NOT NULL ORDER BY rowid"
        ).fetchall()
        return [UrlState(**dict(row)) for row in rows]

    def due(self, now: str, kinds: tuple[str, ...] = ("article",)) -> list[UrlState]:
        """URLs of these kinds whose next re-check is at or before `now`."""
        marks = ", ".join("?" for _ in kinds)
        rows = self._db.execute(
            f"SELECT * FROM urls WHERE gone = 0 AND next_due IS NOT NULL AND next_due <= ? "
            f"AND kind IN ({marks}) ORDER BY next_due",
            (now, *kinds),
        ).fetchall()
        return [UrlState(**dict(row)) for row in rows]

    def next_due(self, limit: int = 10) -> list[UrlState]:
        rows = self._db.execute(
            "SELECT * FROM urls WHERE gone = 0 AND next_due IS NOT NULL ORDER BY next_due LIMIT ?",
            (limit,),
        ).fetchall()
        return [UrlState(**dict(row)) for row in rows]

    # --- runs ---------------------------------------------------------------------

    def unfinished_run(self) -> str | None:
        """The latest run that started and never finished (a crash), if any."""
        row = self._db.execute(
            "SELECT crawl_id FROM runs WHERE finished_at IS NULL ORDER BY started_at DESC"
        ).fetchone()
        return str(row["crawl_id"]) if row else None

    def start_run(self, crawl_id: str, started_at: str) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO runs (crawl_id, started_at) VALUES (?, ?)",
            (crawl_id, started_at),
        )

    def finish_run(self, crawl_id: str, finished_at: str, report: dict[str, Any]) -> None:
        self._db.execute(
            "UPDATE runs SET finished_at = ?, report = ? WHERE crawl_id = ?",
            (finished_at, json.dumps(report), crawl_id),
        )

    def runs(self) -> list[dict[str, Any]]:
        rows = self._db.execute("SELECT * FROM runs ORDER BY started_at").fetchall()
        return [
            {**dict(row), "report": json.loads(row["report"]) if row["report"] else None}
            for row in rows
        ]

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
