"""The crawl state store in Redis, shared by every worker of a cluster crawl.

The same interface as the SQLite `archive.state.StateStore` (`archive.state.CrawlState`),
kept under long-term keys of the site that outlive any one job:

  archivist:<site>:state:url:<url>   hash: the UrlState columns of one URL (None = absent)
  archivist:<site>:state:pending     set: URLs with a pending_run (the frontier to resume)
  archivist:<site>:state:due         sorted set: URL -> next_due as epoch seconds
  archivist:<site>:state:payloads    hash: payload digest -> first capture (JSON)
  archivist:<site>:state:runs        hash: "<crawl-id>/<worker>" -> run (JSON)

Each `update_url` is one MULTI/EXEC transaction, so the indexes never disagree with the
rows. Values are strings (the client decodes replies as UTF-8); integer columns are
converted back on reading.

Redis must be private and password-protected: whoever can write to it steers the
crawlers (see README, "Scaling out").
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from datetime import datetime
from typing import Any, Self
from urllib.parse import urlsplit, urlunsplit

import redis

from archive.state import PriorCapture, UrlState

KEY_ROOT = "archivist"
_INT_COLUMNS = frozenset({"last_status", "version", "checks", "hops", "gone"})
_COLUMNS = frozenset(f.name for f in fields(UrlState))


def state_prefix(site: str) -> str:
    return f"{KEY_ROOT}:{site}:state:"


def redact_url(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc}"))


def connect(url: str) -> redis.Redis:
    """A client for `url` (redis://, rediss:// for TLS, unix://), replies as str.

    Raises ValueError naming the setting when the URL is malformed or Redis does not answer.
    """
    try:
        client = redis.Redis.from_url(url, decode_responses=True, socket_timeout=30)
        client.ping()
    except (ValueError, redis.RedisError) as exc:
        raise ValueError(
            f"ARCHIVIST_REDIS_URL={redact_url(url)}: cannot use this Redis server: {exc}"
        ) from exc
    return client


def _epoch(iso_time: str) -> float:
    return datetime.fromisoformat(iso_time).timestamp()


class RedisStateStore:
    """A `CrawlState` in Redis for one site; `worker` names this process's runs."""

    def __init__(self, client: redis.Redis, site: str, *, worker: str = "") -> None:
        self._redis = client
        self._prefix = state_prefix(site)
        self._worker = worker

    @classmethod
    def from_url(cls, url: str, site: str, *, worker: str = "") -> Self:
        return cls(connect(url), site, worker=worker)

    def _key(self, name: str) -> str:
        return self._prefix + name

    # --- payload digests (WARC revisits) -----------------------------------------

    def find_payload(self, digest: str) -> PriorCapture | None:
        raw = self._redis.hget(self._key("payloads"), digest)
        return PriorCapture(**json.loads(str(raw))) if raw else None

    def remember_payload(self, digest: str, capture: PriorCapture) -> None:
        """Keep the first capture of a payload; later ones (any worker's) do not replace it."""
        self._redis.hsetnx(self._key("payloads"), digest, json.dumps(asdict(capture)))

    # --- URLs ---------------------------------------------------------------------

    def url_state(self, url: str) -> UrlState | None:
        row: dict[str, str] = self._redis.hgetall(self._key("url:" + url))  # type: ignore[assignment]
        return self._state(url, row) if row else None

    def update_url(self, url: str, **columns: Any) -> None:
        """Set the given columns of `url` (None removes a value) and its index entries."""
        unknown = set(columns) - _COLUMNS
        if unknown:
            raise ValueError(f"unknown url state columns: {sorted(unknown)}")
        key = self._key("url:" + url)
        present: dict[str | bytes, str] = {"url": url}
        present.update((k, str(v)) for k, v in columns.items() if v is not None)
        absent = [k for k, v in columns.items() if v is None]
        with self._redis.pipeline(transaction=True) as tx:
            tx.hset(key, mapping=present)  # type: ignore[arg-type]
            if absent:
                tx.hdel(key, *absent)
            if "pending_run" in columns:
                if columns["pending_run"] is None:
                    tx.srem(self._key("pending"), url)
                else:
                    tx.sadd(self._key("pending"), url)
            if "next_due" in columns:
                if columns["next_due"] is None:
                    tx.zrem(self._key("due"), url)
                else:
                    tx.zadd(self._key("due"), {url: _epoch(str(columns["next_due"]))})
            tx.execute()

    def _states(self, urls: list[str]) -> list[UrlState]:
        with self._redis.pipeline(transaction=False) as batch:
            for url in urls:
                batch.hgetall(self._key("url:" + url))
            rows = batch.execute()
        return [self._state(url, row) for url, row in zip(urls, rows, strict=True) if row]

    @staticmethod
    def _state(url: str, row: dict[str, str]) -> UrlState:
        values: dict[str, Any] = {name: None for name in _COLUMNS}
        values.update(version=0, checks=0, hops=0, gone=0)
        for name, value in row.items():
            if name in _COLUMNS:
                values[name] = int(value) if name in _INT_COLUMNS else value
        values["url"] = url
        return UrlState(**values)

    def pending_any(self) -> list[UrlState]:
        """URLs queued by some run and not finished (the frontier to resume)."""
        urls = sorted(str(u) for u in self._redis.smembers(self._key("pending")))
        return self._states(urls)

    def due(self, now: str, kinds: tuple[str, ...] = ("article",)) -> list[UrlState]:
        """URLs of these kinds whose next re-check is at or before `now`, soonest first."""
        urls = [str(u) for u in self._redis.zrangebyscore(self._key("due"), "-inf", _epoch(now))]
        return [s for s in self._states(urls) if not s.gone and s.kind in kinds]

    def next_due(self, limit: int = 10) -> list[UrlState]:
        urls = [str(u) for u in self._redis.zrange(self._key("due"), 0, -1)]
        found: list[UrlState] = []
        for start in range(0, len(urls), max(limit, 1)):
            found += [s for s in self._states(urls[start : start + limit]) if not s.gone]
            if len(found) >= limit:
                break
        return found[:limit]

    # --- runs ---------------------------------------------------------------------

    def _run_field(self, crawl_id: str) -> str:
        return f"{crawl_id}/{self._worker}"

    def unfinished_run(self) -> str | None:
        """The latest run that started and never finished, if any."""
        open_runs = [r for r in self.runs() if not r.get("finished_at")]
        return str(open_runs[-1]["crawl_id"]) if open_runs else None

    def start_run(self, crawl_id: str, started_at: str) -> None:
        run = {"crawl_id": crawl_id, "worker": self._worker, "started_at": started_at}
        self._redis.hset(self._key("runs"), self._run_field(crawl_id), json.dumps(run))

    def finish_run(self, crawl_id: str, finished_at: str, report: dict[str, Any]) -> None:
        field = self._run_field(crawl_id)
        raw = self._redis.hget(self._key("runs"), field)
        run = json.loads(str(raw)) if raw else {"crawl_id": crawl_id, "worker": self._worker}
        run.update(finished_at=finished_at, report=report)
        self._redis.hset(self._key("runs"), field, json.dumps(run))

    def runs(self) -> list[dict[str, Any]]:
        rows = [json.loads(str(v)) for v in self._redis.hvals(self._key("runs"))]
        for row in rows:
            row.setdefault("finished_at", None)
            row.setdefault("report", None)
        return sorted(rows, key=lambda r: (str(r.get("started_at", "")), str(r["worker"])))

    def close(self) -> None:
        self._redis.close()
