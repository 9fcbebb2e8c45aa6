"""The job's shared dupefilter: scrapy-redis's, with Scrapy's request fingerprints.

scrapy-redis 0.9.1 hashes its own fingerprint (method, canonical URL, body) and ignores
the crawler's REQUEST_FINGERPRINTER; the in-flight bookkeeping and the archived-capture
registry key on the crawler's fingerprint, so the dupefilter uses it too. `close` does
not clear the set: it belongs to the job, not to one worker.
"""

from __future__ import annotations

import redis
from scrapy import Request
from scrapy.utils.request import RequestFingerprinterProtocol
from scrapy_redis.dupefilter import RFPDupeFilter


class FingerprintDupeFilter(RFPDupeFilter):  # type: ignore[misc]  # scrapy-redis is untyped
    def __init__(
        self, server: redis.Redis, key: str, fingerprinter: RequestFingerprinterProtocol
    ) -> None:
        super().__init__(server, key)
        self.fingerprinter = fingerprinter

    def request_fingerprint(self, request: Request) -> str:
        return self.fingerprinter.fingerprint(request).hex()

    def close(self, reason: str = "") -> None:
        """Keep the job's fingerprints: other workers still use them."""
