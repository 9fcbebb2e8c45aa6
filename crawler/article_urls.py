"""Generic article-URL rules, used when a site profile gives no `article_urls.allow`.

News CMSs put dates, long slugs or numeric ids in article URLs, and never in section,
tag or author pages. These patterns were written from the URL shapes of the dev pages'
sites (German, English and Chinese news) and common CMSs (WordPress, Arc, Drupal).
"""

from __future__ import annotations

import re

# An article URL matches at least one of these...
ARTICLE_PATTERNS = tuple(
    re.compile(p)
    for p in (
        r"/(19|20)\d{2}/[01]?\d/",  # /2024/04/...
        r"/(19|20)\d{2}-[01]\d-[0-3]\d/",  # /2024-04-20/...
        r"/(19|20)\d{2}[01]\d[0-3]\d/",  # /20240420/ (Chinese portals)
        r"[/_-][a-z0-9]*\d{5,}[a-z0-9]*\.s?html?$",  # .../t20240420_123456.html
        r"/(article|articles|story|stories|news|a|p|post)/[^/?#]+",
        r"/[a-z0-9]+(-[a-z0-9]+){3,}(\.html?)?/?$",  # a slug of four words or more
    )
)

# ...and none of these (listing, account and media URLs).
NOT_ARTICLE_PATTERNS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"/(tag|tags|category|categories|author|authors|topic|topics|search|page)/",
        r"[?&](page|p|s|q)=",
        r"/(login|logout|register|subscribe|account|cart|feed|rss)(/|$)",
        r"\.(jpe?g|png|gif|webp|svg|pdf|zip|mp3|mp4|css|js|xml)(\?|$)",
    )
)


def looks_like_article(url: str) -> bool:
    if any(p.search(url) for p in NOT_ARTICLE_PATTERNS):
        return False
    return any(p.search(url) for p in ARTICLE_PATTERNS)
