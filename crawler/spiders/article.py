"""ArticleSpider: one site profile -> article records.

Discovery, in the order requests are issued: robots.txt `Sitemap:` lines, the profile's
sitemaps and feeds, then its start URLs with link following. URLs from sitemaps and
feeds are articles unless the profile's article rules deny them; links found on pages
are articles when they match the article rules (or, without rules, the generic
article-URL patterns), else listing pages followed up to `depth_limit` hops.

Each article response becomes a record through `archive.records.article_record`, the
same function `archivist reparse` uses over the stored WARC records.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure
from w3lib.url import safe_url_string

from archive.capture import warc_date
from archive.records import FetchFacts, article_record, rejection
from crawler import discovery
from crawler.article_urls import looks_like_article
from crawler.errors import classify_failure
from crawler.plan import CrawlPlan, prepare_crawl
from parsers import ExtractOptions
from pipelines.warc import META_DISCOVERY as DISCOVERY
from pipelines.warc import META_FETCHED_AT, META_LOCATION
from pipelines.warc import META_HOPS as HOPS
from pipelines.warc import META_KIND as KIND

logger = logging.getLogger(__name__)


# Article requests go first, so a crawl cut short has articles rather than listings.
ARTICLE_PRIORITY = 10


class ArticleSpider(scrapy.Spider):
    name = "article"

    plan: CrawlPlan
    allowed_domains: list[str]

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> ArticleSpider:
        """Spider arguments: site (profile name, path or URL), out, base_url, crawl_id.

        The crawl's folders and per-run settings are fixed here, before Scrapy builds the
        extensions and pipelines that read them.
        """
        settings = crawler.settings
        plan = prepare_crawl(
            kwargs.pop("site", None) or settings.get("ARCHIVIST_SITE"),
            output_dir=Path(kwargs.pop("out", None) or settings.get("ARCHIVIST_OUTPUT_DIR")),
            base_url=kwargs.pop("base_url", None),
            crawl_id=kwargs.pop("crawl_id", None) or settings.get("ARCHIVIST_CRAWL_ID") or None,
        )
        for key, value in plan.settings().items():
            settings.set(key, value, priority="spider")
        spider = super().from_crawler(crawler, *args, **kwargs)
        assert isinstance(spider, ArticleSpider)
        spider.plan = plan
        spider.allowed_domains = list(plan.profile.allowed_domains)
        return spider

    @property
    def options(self) -> ExtractOptions:
        return ExtractOptions(site_rules=self.plan.profile.selectors)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        profile = self.plan.profile
        if profile.sitemaps_from_robots:
            for root in dict.fromkeys(_site_root(u) for u in profile.start_urls):
                yield self._request(root + "/robots.txt", self.parse_robots, "robots", 0)
        for url in profile.sitemaps:
            yield self._request(url, self.parse_sitemap, "sitemap", 0)
        for url in profile.feeds:
            yield self._request(url, self.parse_feed, "feed", 0)
        for url in profile.start_urls:
            # A start URL that the article rules name is fetched as an article.
            if profile.article_urls.permits(url, default=False):
                yield self._request(url, self.parse_article, "article", 0)
            else:
                yield self._request(url, self.parse_page, "listing", 0)

    # --- discovery documents ---------------------------------------------------

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        for url in discovery.robots_sitemaps(response.body, response.url):
            yield self._request(url, self.parse_sitemap, "sitemap", 0)

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        try:
            sitemap = discovery.parse_sitemap(response.body, response.url)
        except discovery.DiscoveryError as exc:
            self._count_error("bad_sitemap", response.url, str(exc))
            return
        for entry in sitemap.entries:
            if sitemap.is_index:
                yield self._request(entry.url, self.parse_sitemap, "sitemap", 0)
            else:
                yield from self._discovered(entry, response.url)

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        try:
            entries = discovery.parse_feed(response.body, response.url)
        except discovery.DiscoveryError as exc:
            self._count_error("bad_feed", response.url, str(exc))
            return
        for entry in entries:
            yield from self._discovered(entry, response.url)

    def _discovered(
        self, entry: discovery.DiscoveredUrl, referrer: str
    ) -> Iterator[scrapy.Request]:
        facts: dict[str, Any] = {"via": entry.via, "referrer": referrer}
        if entry.lastmod:
            facts["lastmod"] = entry.lastmod
        facts.update(entry.facts)
        if self.plan.profile.article_urls.permits(entry.url, default=True):
            yield self._request(entry.url, self.parse_article, "article", 0, facts)
        elif self.plan.profile.follow_urls.permits(entry.url):
            yield self._request(entry.url, self.parse_page, "listing", 0, facts)

    # --- pages -----------------------------------------------------------------

    def parse_page(self, response: Response) -> Iterator[scrapy.Request]:
        yield from self._follow_links(response)

    def parse_article(self, response: Response) -> Iterator[dict[str, Any] | scrapy.Request]:
        record = self._article_record(response)
        if record is not None:
            yield record
        yield from self._follow_links(response)

    def _article_record(self, response: Response) -> dict[str, Any] | None:
        content_type = response.headers.get("Content-Type")
        fetch = FetchFacts(
            url=response.url,
            status=response.status,
            content_type=content_type.decode("latin-1") if content_type else None,
            fetched_at=response.meta.get(META_FETCHED_AT) or warc_date(datetime.now(UTC)),
        )
        record = article_record(
            response.body,
            fetch,
            warc=response.meta.get(META_LOCATION),
            crawl_id=self.plan.crawl_id,
            discovery=response.meta.get(DISCOVERY),
            options=self.options,
        )
        problem = rejection(record)
        if problem:
            self._count_error(problem, response.url, f"extraction: {record['extraction_status']}")
            return None
        return record

    def _follow_links(self, response: Response) -> Iterator[scrapy.Request]:
        if not isinstance(response, TextResponse):
            return
        hops = int(response.meta.get(HOPS, 0)) + 1
        if hops > self.plan.profile.depth_limit:
            return
        profile = self.plan.profile
        for url in _links(response):
            facts = {"via": "link", "referrer": response.url}
            if profile.article_urls.permits(url, default=looks_like_article(url)):
                yield self._request(url, self.parse_article, "article", hops, facts)
            elif profile.follow_urls.permits(url):
                yield self._request(url, self.parse_page, "listing", hops, facts)

    # --- plumbing --------------------------------------------------------------

    def _request(
        self,
        url: str,
        callback: Any,
        kind: str,
        hops: int,
        facts: dict[str, Any] | None = None,
    ) -> scrapy.Request:
        meta = {KIND: kind, HOPS: hops, DISCOVERY: facts or {}}
        priority = ARTICLE_PRIORITY if kind == "article" else 0
        return scrapy.Request(
            url, callback=callback, errback=self.on_error, meta=meta, priority=priority
        )

    def on_error(self, failure: Failure) -> None:
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        kind, detail = classify_failure(failure)
        if kind.startswith("skipped/"):
            self.crawler.stats.inc_value(f"archivist/{kind}")
            logger.debug("Skipped %s: %s", url, detail)
            return
        self._count_error(kind, url, detail)

    def _count_error(self, kind: str, url: str, detail: str) -> None:
        self.crawler.stats.inc_value(f"archivist/errors/{kind}")
        logger.warning("Error (%s) on %s: %s", kind, url, detail)


def _site_root(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


def _links(response: TextResponse) -> Iterable[str]:
    seen: set[str] = set()
    for href in response.css("a::attr(href)").getall():
        url = safe_url_string(response.urljoin(href.strip())).split("#", 1)[0]
        if url.startswith(("http://", "https://")) and url not in seen:
            seen.add(url)
            yield url
