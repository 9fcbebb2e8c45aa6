"""Cluster jobs: which job a worker joins, and the settings that make a crawl a worker.

A job is a crawl id shared by every worker: `archivist seed` starts one (a new id, or
--crawl-id) and makes it the site's current job; `archivist crawl --redis` joins the
current job, or the one its --crawl-id names.
"""

from __future__ import annotations

import os
import socket
from typing import Any

from archive.layout import safe_name
from archive.redis_state import connect, redact_url
from crawler.distributed.keys import current_job_key
from crawler.profiles import ProfileError

SCHEDULER = "crawler.distributed.scheduler.ClusterScheduler"


def default_worker_name() -> str:
    return safe_name(f"{socket.gethostname()}-{os.getpid()}", fallback="worker")


def worker_settings(redis_url: str, worker: str) -> dict[str, Any]:
    """Settings that make a crawl a worker of a cluster job (the components are in
    crawler.settings and switch themselves on when ARCHIVIST_REDIS_URL is set)."""
    name = safe_name(worker, fallback="worker")
    return {
        "ARCHIVIST_REDIS_URL": redis_url,
        "ARCHIVIST_WORKER": name,
        "ARCHIVIST_WARC_PREFIX": f"archivist-{name}",
        "SCHEDULER": SCHEDULER,
    }


def join_job(redis_url: str, site: str, crawl_id: str | None) -> str:
    """The job a worker of `site` joins: `crawl_id`, else the site's current job."""
    if crawl_id:
        return crawl_id
    current = connect(redis_url).get(current_job_key(safe_name(site)))
    if not current:
        raise ProfileError(
            f"no current job for site {site!r} in Redis at {redact_url(redis_url)}: "
            f"run `archivist seed {site} --redis URL` first, or pass --crawl-id"
        )
    return str(current)
