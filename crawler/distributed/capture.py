"""Archive each fetch once in the whole cluster, even when a worker dies mid-request.

A worker killed after archiving a response but before finishing it (its article line,
its links) has the request put back; another worker fetches it again to finish the
work. That second fetch must not be archived again. So:
- after each capture, its WARC location goes into the job's `archived` hash under the
  request's fingerprint (on `response_received`, right after the capture is written);
- the scheduler gives a put-back request whose fingerprint is there
  ``meta["archivist_archived"]``; on `response_downloaded`, before the WARC capture
  (this extension is ordered before it), that becomes the request's WARC location and
  fetch time, and `pipelines.warc` skips the capture. The article record then names
  the record the dead worker wrote (its `.open` file is finalized by `archivist warc
  finalize`, or by the next crawl on that machine).
"""

from __future__ import annotations

import json
from typing import Self

import redis
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.utils.request import RequestFingerprinterProtocol

from archive.capture import WarcLocation
from archive.redis_state import connect
from crawler.distributed.keys import JobKeys
from pipelines.warc import META_ARCHIVED, META_FETCHED_AT, META_LOCATION


class ClusterCaptureExtension:
    def __init__(
        self, client: redis.Redis, archived_key: str, fingerprinter: RequestFingerprinterProtocol
    ) -> None:
        self.redis = client
        self.archived_key = archived_key
        self.fingerprinter = fingerprinter

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        url = crawler.settings.get("ARCHIVIST_REDIS_URL")
        if not url:
            raise NotConfigured("ARCHIVIST_REDIS_URL is not set: not a cluster worker")
        keys = JobKeys.from_settings(crawler.settings)
        extension = cls(connect(url), keys.archived, crawler.request_fingerprinter)
        crawler.signals.connect(extension.response_downloaded, signal=signals.response_downloaded)
        crawler.signals.connect(extension.response_received, signal=signals.response_received)
        return extension

    def response_downloaded(self, response: Response, request: Request) -> None:
        archived = request.meta.get(META_ARCHIVED)
        if archived:
            request.meta[META_LOCATION] = WarcLocation(**archived["location"])
            request.meta[META_FETCHED_AT] = archived["fetched_at"]

    def response_received(self, response: Response, request: Request) -> None:
        location = request.meta.get(META_LOCATION)
        if not isinstance(location, WarcLocation) or request.meta.get(META_ARCHIVED):
            return
        facts = {"location": location.to_dict(), "fetched_at": request.meta.get(META_FETCHED_AT)}
        fingerprint = self.fingerprinter.fingerprint(request).hex()
        self.redis.hsetnx(self.archived_key, fingerprint, json.dumps(facts))
