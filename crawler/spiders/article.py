"""ArticleSpider: one site profile -> article records, incrementally.

Discovery, in the order requests are issued: URLs a previous run left pending (a crash
or a stop), robots.txt `Sitemap:` lines, the profile's sitemaps and feeds, its start URLs
with link following, then known articles that are due for a re-check. URLs from sitemaps
and feeds are articles unless the profile's article rules deny them; links found on
pages are articles when they match the article rules (or, without rules, the generic
article-URL patterns), else listing pages followed up to `depth_limit` hops. Feeds that
pages announce with `<link rel="alternate">` are read too.

Every URL goes through the frontier (crawler.frontier), which knows from the site's state
store what was fetched before and when it is due again; known URLs are fetched
conditionally. Each article response becomes a record through
`archive.records.article_record`, the same function `archivist reparse` uses.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure
from w3lib.url import safe_url_string

from archive.capture import warc_date
from archive.layout import CrawlLayout
from archive.records import FetchFacts, read_json_lines, rejection
from archive.state import UrlState
from crawler import discovery
from crawler.article_urls import looks_like_article
from crawler.errors import classify_failure
from crawler.extraction import ExtractionPool, worker_count
from crawler.frontier import UNCOUNTED, FetchPlan, Frontier
from crawler.plan import CrawlPlan, prepare_crawl
from crawler.recheck import parse_duration
from crawler.urls import clean_url
from parsers import ExtractOptions
from pipelines.state import open_store
from pipelines.warc import META_DISCOVERY as DISCOVERY
from pipelines.warc import META_FETCHED_AT, META_LOCATION, META_PREVIOUS, META_RESUMED
from pipelines.warc import META_HOPS as HOPS
from pipelines.warc import META_KIND as KIND

logger = logging.getLogger(__name__)

# Article requests go first, so a crawl cut short has articles rather than listings.
ARTICLE_PRIORITY = 10
# Conditional requests may be answered 304; the callbacks handle it.
NOT_MODIFIED = 304
REDIRECTS = (301, 302, 303, 307, 308)

Callback = Callable[[Response], Iterable[Any] | AsyncIterator[Any]]


class ArticleSpider(scrapy.Spider):
    name = "article"

    plan: CrawlPlan
    frontier: Frontier
    extraction: ExtractionPool
    allowed_domains: list[str]
    since: datetime | None

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
        now = crawl_clock(settings.get("ARCHIVIST_NOW"))
        since = settings.get("ARCHIVIST_SINCE")
        spider.plan = plan
        spider.allowed_domains = list(plan.profile.allowed_domains)
        store = open_store(settings)  # plan.settings() named it: SQLite, or Redis in a cluster
        assert store is not None
        spider.frontier = Frontier(store, plan.profile.recheck, plan.crawl_id, now)
        spider.since = now - parse_duration(since) if since else None
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(spider.item_done, signal=signal)
        spider.extraction = ExtractionPool(
            worker_count(settings.getint("ARCHIVIST_EXTRACT_WORKERS", -1))
        )
        return spider

    def closed(self, reason: str) -> None:
        self.extraction.close()
        self.frontier.store.close()

    @property
    def options(self) -> ExtractOptions:
        profile = self.plan.profile
        return ExtractOptions(site_rules=profile.selectors, filter_lists=profile.filter_lists)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for request in self._start_requests():
            yield request

    def _start_requests(self) -> Iterator[scrapy.Request]:
        profile = self.plan.profile
        pending = self.frontier.pending()
        settled = self._settle_written(pending)
        for state in pending:
            if state.url not in settled:
                yield from self._resume(state, pending=True)
        if profile.sitemaps_from_robots:
            for root in dict.fromkeys(_site_root(u) for u in profile.start_urls):
                yield from self._schedule(root + "/robots.txt", "robots", 0)
        for url in profile.sitemaps:
            yield from self._schedule(url, "sitemap", 0)
        for url in profile.feeds:
            yield from self._schedule(url, "feed", 0)
        for url in profile.start_urls:
            # A start URL that the article rules name is fetched as an article.
            kind = "article" if profile.article_urls.permits(url, default=False) else "listing"
            yield from self._schedule(url, kind, 0)
        for state in self.frontier.due_articles():
            yield from self._resume(state)

    def _settle_written(self, pending: list[UrlState]) -> set[str]:
        """A resumed run: lines already written are not fetched again, even when the
        process died between writing a line and committing it to the state store. The
        JSONL file is read only when this run left URLs pending."""
        if not any(state.pending_run == self.frontier.run for state in pending):
            return set()
        worker = self.crawler.settings.get("ARCHIVIST_WORKER") or ""
        articles = CrawlLayout(self.plan.layout.root, worker).articles
        settled = self.frontier.settle_written(read_json_lines(articles), pending)
        if settled:
            self.crawler.stats.set_value("archivist/resume/settled", len(settled))
            logger.info("Resuming: %d written articles were still pending; now done", len(settled))
        return settled

    def _resume(self, state: UrlState, *, pending: bool = False) -> Iterator[scrapy.Request]:
        """A URL from the store: left pending by an earlier run, or due for a re-check."""
        facts = json.loads(state.discovery) if state.discovery else {}
        kind = state.kind or "article"
        yield from self._schedule(state.url, kind, state.hops, facts, resume=pending)

    # --- discovery documents ---------------------------------------------------

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        self._fetched(response, "robots")
        for url in discovery.robots_sitemaps(response.body, response.url):
            yield from self._schedule(url, "sitemap", 0)

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        if response.status == NOT_MODIFIED:
            self._fetched(response, response.meta[KIND])
            return
        try:
            sitemap = discovery.parse_sitemap(response.body, response.url)
        except discovery.DiscoveryError as exc:
            self._fetched(response, "sitemap")
            self._count_error("bad_sitemap", response.url, str(exc))
            return
        for entry in sitemap.entries:
            if sitemap.is_index:
                yield from self._schedule(entry.url, "sitemap", 0)
            else:
                yield from self._discovered(entry, response.url)
        news = any(k.startswith("news:") for e in sitemap.entries for k in e.facts)
        self._fetched(response, "news_sitemap" if news else "sitemap")

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        self._fetched(response, "feed")
        if response.status == NOT_MODIFIED:
            return
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
        if self._too_old(entry):
            self.crawler.stats.inc_value("archivist/skipped/too_old")
            return
        if self.plan.profile.article_urls.permits(entry.url, default=True):
            yield from self._schedule(entry.url, "article", 0, facts)
        elif self.plan.profile.follow_urls.permits(entry.url):
            yield from self._schedule(entry.url, "listing", 0, facts)

    def _too_old(self, entry: discovery.DiscoveredUrl) -> bool:
        """Outside the --since window, by the sitemap's or feed's own dates."""
        if self.since is None:
            return False
        date = discovery.parse_date(entry.facts.get("news:publication_date") or entry.lastmod)
        return date is not None and date < self.since

    # --- pages -----------------------------------------------------------------

    def parse_page(self, response: Response) -> Iterator[scrapy.Request]:
        self._fetched(response, "listing")
        yield from self._announced_feeds(response)
        yield from self._follow_links(response)

    async def parse_article(
        self, response: Response
    ) -> AsyncIterator[dict[str, Any] | scrapy.Request]:
        # Done only once its record has been through the pipelines (item_done), so a
        # run killed while the article is being extracted fetches it again.
        self._fetched(response, "article", done=response.status == NOT_MODIFIED)
        if response.status == NOT_MODIFIED:
            self.crawler.stats.inc_value("archivist/articles/unchanged")
            return
        for request in self._follow_links(response):
            yield request
        record = await self._article_record(response)
        if record is None:
            self.frontier.finished(response.url)
        else:
            yield record

    async def _article_record(self, response: Response) -> dict[str, Any] | None:
        content_type = response.headers.get("Content-Type")
        fetch = FetchFacts(
            url=response.url,
            status=response.status,
            content_type=content_type.decode("latin-1") if content_type else None,
            fetched_at=response.meta.get(META_FETCHED_AT) or warc_date(datetime.now(UTC)),
        )
        record = await self.extraction.record(
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

    def _announced_feeds(self, response: Response) -> Iterator[scrapy.Request]:
        if not isinstance(response, TextResponse):
            return
        for link in response.css("link[rel~=alternate][href]"):
            if (link.attrib.get("type") or "").lower() in discovery.FEED_TYPES:
                url = response.urljoin(link.attrib["href"])
                yield from self._schedule(url, "feed", 0, {"via": "link", "referrer": response.url})

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
                yield from self._schedule(url, "article", hops, facts)
            elif profile.follow_urls.permits(url):
                yield from self._schedule(url, "listing", hops, facts)

    # --- plumbing --------------------------------------------------------------

    def _schedule(
        self,
        url: str,
        kind: str,
        hops: int,
        facts: dict[str, Any] | None = None,
        *,
        resume: bool = False,
    ) -> Iterator[scrapy.Request]:
        """Yield the request for `url` if the frontier says it is to be fetched now."""
        url = clean_url(url)
        plan = self.frontier.plan(url, kind, resume=resume)
        if not isinstance(plan, FetchPlan):
            if plan not in UNCOUNTED:
                self.crawler.stats.inc_value(f"archivist/skipped/{plan}")
            return
        self.frontier.queued(url, kind, hops, facts or {})
        request = self._request(url, kind, hops, facts or {}, plan)
        if resume:
            request.meta[META_RESUMED] = True
        yield request

    def _request(
        self, url: str, kind: str, hops: int, facts: dict[str, Any], plan: FetchPlan
    ) -> scrapy.Request:
        # Redirects come back to the spider (not Scrapy's RedirectMiddleware), so that
        # their targets go through the frontier like every other URL.
        meta: dict[str, Any] = {
            KIND: kind,
            HOPS: hops,
            DISCOVERY: facts,
            "dont_redirect": True,
            "handle_httpstatus_list": [*REDIRECTS, *([NOT_MODIFIED] if plan.recheck else [])],
        }
        if plan.recheck:
            meta[META_PREVIOUS] = plan.previous
        return scrapy.Request(
            url,
            callback=self.dispatch,
            errback=self.on_error,
            headers=plan.headers or None,
            meta=meta,
            priority=ARTICLE_PRIORITY if kind == "article" else 0,
        )

    def dispatch(self, response: Response) -> Iterable[Any] | AsyncIterator[Any]:
        """Every response comes here: redirects are followed through the frontier, the
        rest goes to the parser of the request's kind."""
        kind = str(response.meta.get(KIND, "listing"))
        if response.status in REDIRECTS:
            return self._redirected(response, kind)
        return self._callback(kind)(response)

    def _redirected(self, response: Response, kind: str) -> Iterator[scrapy.Request]:
        self._fetched(response, kind)
        location = _header(response, "Location")
        if not location:
            self._count_error("bad_redirect", response.url, "no Location header")
            return
        target = response.urljoin(location)
        if not target.startswith(("http://", "https://")):
            self._count_error("bad_redirect", response.url, f"redirect to {target[:200]}")
            return
        if kind == "listing" and self.plan.profile.article_urls.permits(
            target, default=looks_like_article(target)
        ):
            kind = "article"
        facts = {**response.meta.get(DISCOVERY, {}), "redirected_from": response.url}
        yield from self._schedule(target, kind, int(response.meta.get(HOPS, 0)), facts)

    def _callback(self, kind: str) -> Callback:
        if kind == "article":
            return self.parse_article
        parsers: dict[str, Callable[[Response], Iterable[Any]]] = {
            "robots": self.parse_robots,
            "sitemap": self.parse_sitemap,
            "news_sitemap": self.parse_sitemap,
            "feed": self.parse_feed,
        }
        return parsers.get(kind, self.parse_page)

    def _fetched(self, response: Response, kind: str, *, done: bool = True) -> None:
        self.frontier.fetched(
            response.request.url if response.request else response.url,
            kind,
            status=response.status,
            etag=_header(response, "ETag"),
            last_modified=_header(response, "Last-Modified"),
            location=response.meta.get(META_LOCATION),
            warc_date=response.meta.get(META_FETCHED_AT),
            done=done,
        )

    def item_done(self, item: dict[str, Any], **_: Any) -> None:
        """An article's record went through the pipelines (written or dropped)."""
        self.frontier.finished(str(item["url"]))

    def on_error(self, failure: Failure) -> None:
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        kind, detail = classify_failure(failure)
        response = getattr(failure.value, "response", None)
        if request is not None:
            self.frontier.fetched(
                request.url,
                str(request.meta.get(KIND, "listing")),
                status=response.status if response is not None else 0,
                etag=None,
                last_modified=None,
                location=None,
                warc_date=None,
            )
        if kind.startswith("skipped/"):
            self.crawler.stats.inc_value(f"archivist/{kind}")
            logger.debug("Skipped %s: %s", url, detail)
            return
        self._count_error(kind, url, detail)

    def _count_error(self, kind: str, url: str, detail: str) -> None:
        self.crawler.stats.inc_value(f"archivist/errors/{kind}")
        logger.warning("Error (%s) on %s: %s", kind, url, detail)


def crawl_clock(setting: str | None) -> datetime:
    """The crawl's notion of now: the ARCHIVIST_NOW setting (ISO 8601, for tests and
    for planning) or the real time."""
    if setting:
        moment = datetime.fromisoformat(str(setting).replace("Z", "+00:00"))
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return datetime.now(UTC)


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


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
