"""When to fetch a known URL again: the re-check policy of a site profile.

    [recheck]
    feeds = "30m"                          # feeds: often, they are how news is found
    news_sitemaps = "30m"                  # sitemaps with news:* entries: as often
    sitemaps = "1d"                        # other sitemaps: daily
    articles = ["1h", "6h", "1d", "7d"]    # after the first fetch; then never again

Articles are re-checked on a decaying schedule counted from their first fetch, so that
corrections to recent articles are caught without re-fetching the archive for ever.
Listing pages (start URLs, sections) and robots.txt are fetched on every run: they are
how new articles are found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

_DURATION = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}

# Kinds of URL and how they are re-checked.
ALWAYS = frozenset({"robots", "listing"})
INTERVAL_KINDS = frozenset({"feed", "sitemap", "news_sitemap"})


def parse_duration(text: str) -> timedelta:
    """'30m', '6h', '1d', '2w' -> timedelta; ValueError otherwise."""
    match = _DURATION.match(text)
    if not match:
        raise ValueError(f"expected a duration like 30m, 6h, 1d or 2w, got {text!r}")
    return timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


@dataclass(frozen=True, slots=True)
class RecheckPolicy:
    feeds: timedelta = timedelta(minutes=30)
    news_sitemaps: timedelta = timedelta(minutes=30)
    sitemaps: timedelta = timedelta(days=1)
    articles: tuple[timedelta, ...] = (
        timedelta(hours=1),
        timedelta(hours=6),
        timedelta(days=1),
        timedelta(days=7),
    )

    def interval(self, kind: str) -> timedelta | None:
        return {
            "feed": self.feeds,
            "news_sitemap": self.news_sitemaps,
            "sitemap": self.sitemaps,
        }.get(kind)

    def next_due(
        self, kind: str, *, fetched: datetime, first_seen: datetime, checks: int
    ) -> datetime | None:
        """When to fetch again after a fetch; None for never (or for every run)."""
        if kind in ALWAYS:
            return None
        interval = self.interval(kind)
        if interval is not None:
            return fetched + interval
        if checks < len(self.articles):
            return max(first_seen + self.articles[checks], fetched)
        return None
