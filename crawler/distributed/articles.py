"""One article line per canonical URL and per text in the whole cluster.

`pipelines.dedup.DedupPipeline` remembers what its own process wrote; across workers the
job's Redis sets do that job. The claim is one Lua script (check both sets, then add to
both), so two workers cannot both win the same article. It runs after the version
check and right before the JSONL writer: a claim is made only for a line about to be
written. (A worker killed between its claim and its write, a few microseconds, loses
that line; the reverse order would write it twice.)
"""

from __future__ import annotations

from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.distributed.worker import ClusterWorker, cluster_worker

# KEYS: article URLs, article texts. ARGV: URL key, text digest ('' for none).
CLAIM = """
if ARGV[1] ~= '' and redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then
  return 'duplicate_url'
end
if ARGV[2] ~= '' and redis.call('SISMEMBER', KEYS[2], ARGV[2]) == 1 then
  return 'duplicate_text'
end
if ARGV[1] ~= '' then redis.call('SADD', KEYS[1], ARGV[1]) end
if ARGV[2] ~= '' then redis.call('SADD', KEYS[2], ARGV[2]) end
return false
"""


class ClusterArticlePipeline:
    def __init__(self, crawler: Crawler, worker: ClusterWorker) -> None:
        self.crawler = crawler
        self.keys = worker.keys
        self._claim = worker.redis.register_script(CLAIM)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler, cluster_worker(crawler))

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        url = str(item.get("canonical_url") or item.get("url") or "")
        digest = str(item.get("text_digest") or "")
        reason = self._claim(
            keys=[self.keys.article_urls, self.keys.article_texts], args=[url, digest]
        )
        if reason:
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value(f"archivist/dropped/{reason}")
            raise DropItem(
                f"Duplicate article {item.get('url')} in the cluster: {reason}", log_level="INFO"
            )
        return item
