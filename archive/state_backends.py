"""Choose the crawl state backend: SQLite for one machine, Redis for a cluster."""

from __future__ import annotations

from pathlib import Path

from archive.state import CrawlState, StateStore


def open_state_store(
    state_db: str | Path, *, redis_url: str = "", site: str = "", worker: str = ""
) -> CrawlState:
    """The site's state store: in Redis when `redis_url` is given (the workers of a
    cluster share it), else the SQLite file `state_db`."""
    if redis_url:
        from archive.redis_state import RedisStateStore  # only clusters need the client

        if not site:
            raise ValueError("ARCHIVIST_SITE must be set to keep the crawl state in Redis")
        return RedisStateStore.from_url(redis_url, site, worker=worker)
    return StateStore(Path(state_db))
