"""A limit on redirect chains, for the spider's own redirect handling.

The spider follows redirects itself (`dont_redirect`, so that targets go through the
frontier), which leaves Scrapy's REDIRECT_MAX_TIMES unenforced: a server that answers
every URL with a redirect to a new URL would keep a crawl busy forever. Two hooks keep
the count:

- `RedirectCountMiddleware` (spider middleware): a request the spider makes from a
  redirect response is one hop further than that response's request;
- `RedirectLimitMiddleware` (downloader middleware): a request more than
  REDIRECT_MAX_TIMES hops down a chain is refused with `TooManyRedirects` (an
  IgnoreRequest) before it is sent; the spider's errback counts it in crawl.json as the
  error kind `too_many_redirects` (crawler.errors) and logs it with its URL.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from typing import Any, Self

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

# request.meta key: redirects followed to reach this request.
META_REDIRECTS = "archivist_redirects"
LIMIT_SETTING = "REDIRECT_MAX_TIMES"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class TooManyRedirects(IgnoreRequest):
    """The request is more redirects down its chain than REDIRECT_MAX_TIMES allows."""


class RedirectCountMiddleware:
    """Stamps every request made from a redirect response with its hop count."""

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterable[Any]:
        for item in result:
            yield _counted(response, item)

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        async for item in result:
            yield _counted(response, item)


def _counted(response: Response, item: Any) -> Any:
    if isinstance(item, Request) and response.status in REDIRECT_STATUSES:
        item.meta[META_REDIRECTS] = int(response.meta.get(META_REDIRECTS, 0)) + 1
    return item


class RedirectLimitMiddleware:
    """Refuses requests past REDIRECT_MAX_TIMES hops, before they are sent."""

    def __init__(self, limit: int) -> None:
        self.limit = limit

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler.settings.getint(LIMIT_SETTING))

    def process_request(self, request: Request) -> None:
        hops = int(request.meta.get(META_REDIRECTS, 0))
        if hops > self.limit:
            raise TooManyRedirects(
                f"not following the redirect to {request.url}: {hops} redirects in a row "
                f"exceed {LIMIT_SETTING} ({self.limit})"
            )
