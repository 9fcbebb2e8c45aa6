"""Open the crawl's state store from the Scrapy settings (the one place that reads them).

ARCHIVIST_STATE_DB is the site's SQLite file; with ARCHIVIST_REDIS_URL set (a cluster
worker, see crawler.distributed) the state lives in Redis under the site's keys instead,
shared by every worker. ARCHIVIST_WORKER names this process's runs there.
"""

from __future__ import annotations

from scrapy.settings import BaseSettings

from archive.layout import safe_name
from archive.state import CrawlState
from archive.state_backends import open_state_store


def open_store(settings: BaseSettings) -> CrawlState | None:
    """The state store the settings name, or None when there is none."""
    state_db = settings.get("ARCHIVIST_STATE_DB")
    redis_url = settings.get("ARCHIVIST_REDIS_URL")
    if not (state_db or redis_url):
        return None
    return open_state_store(
        state_db or "",
        redis_url=redis_url or "",
        site=safe_name(settings.get("ARCHIVIST_SITE") or ""),
        worker=settings.get("ARCHIVIST_WORKER") or "",
    )
