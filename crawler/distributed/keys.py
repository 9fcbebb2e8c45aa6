"""Redis key names of cluster crawls.

Per job (a recurring crawl starts clean with a new job id):
  archivist:<site>:job:<job>:requests        sorted set: queued requests (JSON), -priority
  archivist:<site>:job:<job>:dupefilter      set: request fingerprints seen in the job
  archivist:<site>:job:<job>:inflight:<w>    set: requests worker <w> took and has not finished
  archivist:<site>:job:<job>:workers         sorted set: worker -> last heartbeat (ms)
  archivist:<site>:job:<job>:replayed        set: requests put back from a dead worker
  archivist:<site>:job:<job>:archived        hash: fingerprint -> WARC location (JSON)
  archivist:<site>:job:<job>:article-urls    set: canonical URLs with an article line
  archivist:<site>:job:<job>:article-texts   set: text digests with an article line
  archivist:<site>:job:<job>:seeded          string: who seeded the job, and when
Per site: archivist:<site>:current-job (the job workers join) and the long-term state
(archive.redis_state, archivist:<site>:state:*). Across sites:
archivist:limit:<host>:* (crawler.distributed.limiter), since politeness is per server.

The "job:" part keeps a job named like a state key from colliding with it. All keys of a
job are touched by Lua scripts that compute some names themselves, so a single Redis
server (or a primary with replicas) is needed, not Redis Cluster.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Self

from scrapy.settings import BaseSettings

from archive.layout import safe_name
from archive.redis_state import KEY_ROOT


def current_job_key(site: str) -> str:
    return f"{KEY_ROOT}:{site}:current-job"


@dataclass(frozen=True, slots=True)
class JobKeys:
    site: str
    job: str

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> Self:
        """The keys of the job a worker runs: its site and crawl id (set by the plan)."""
        job = settings.get("ARCHIVIST_CRAWL_ID")
        if not job:
            raise ValueError("ARCHIVIST_CRAWL_ID must name the cluster job")
        return cls(safe_name(settings.get("ARCHIVIST_SITE") or ""), job)

    def _key(self, name: str) -> str:
        return f"{KEY_ROOT}:{self.site}:job:{self.job}:{name}"

    @property
    def requests(self) -> str:
        return self._key("requests")

    @property
    def dupefilter(self) -> str:
        return self._key("dupefilter")

    @property
    def inflight_prefix(self) -> str:
        return self._key("inflight:")

    def inflight(self, worker: str) -> str:
        return self.inflight_prefix + worker

    @property
    def workers(self) -> str:
        return self._key("workers")

    @property
    def replayed(self) -> str:
        return self._key("replayed")

    @property
    def archived(self) -> str:
        return self._key("archived")

    @property
    def article_urls(self) -> str:
        return self._key("article-urls")

    @property
    def article_texts(self) -> str:
        return self._key("article-texts")

    @property
    def seeded(self) -> str:
        return self._key("seeded")

    def all(self) -> tuple[str, ...]:
        """The job's fixed keys (not the per-worker in-flight sets)."""
        return (
            self.requests,
            self.dupefilter,
            self.workers,
            self.replayed,
            self.archived,
            self.article_urls,
            self.article_texts,
            self.seeded,
        )
