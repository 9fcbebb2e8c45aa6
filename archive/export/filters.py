"""Which records an export keeps: site, publication dates, language, length, URL.

Filters run before version selection and dedup, so a filtered-out record never wins
a duplicate cluster. Checks run in the order of `Filters.reject`; a record dropped by
one filter is counted under that filter only ("filter:<name>").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

# A word is a run of letters or digits; each CJK ideograph, kana or hangul syllable counts
# as one word, since those scripts do not separate words with spaces (a Chinese word is
# 1-2 characters, so this counts roughly 1.5x the words a segmenter would).
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]|[^\W_]+")


def tokens(text: str) -> list[str]:
    """The words of a text, lower-cased (see `_TOKEN`)."""
    return _TOKEN.findall(text.lower())


def word_count(text: str) -> int:
    return sum(1 for _ in _TOKEN.finditer(text))


@dataclass(frozen=True, slots=True)
class Filters:
    sites: frozenset[str] = frozenset()  # crawl_site values; empty keeps all
    since: date | None = None  # publication date, inclusive
    until: date | None = None  # publication date, inclusive
    languages: frozenset[str] = frozenset()  # ISO 639-1; empty keeps all
    min_words: int = 0
    url_pattern: re.Pattern[str] | None = None  # re.search on `url`

    def reject(self, record: dict[str, Any], site: str) -> str | None:
        """None to keep the record, else the drop reason ("filter:<name>").

        The date range compares the calendar date the page wrote (the first ten
        characters of `published`, in the page's own time zone); a record without a
        publication date is dropped when a range is given.
        """
        if self.sites and site not in self.sites:
            return "filter:site"
        if (self.since or self.until) and not self._in_range(record.get("published")):
            return "filter:date"
        if self.languages and record.get("language") not in self.languages:
            return "filter:language"
        if self.url_pattern and not self.url_pattern.search(str(record.get("url", ""))):
            return "filter:url"
        if self.min_words and word_count(str(record.get("text", ""))) < self.min_words:
            return "filter:min_words"
        return None

    def _in_range(self, published: Any) -> bool:
        try:
            day = date.fromisoformat(str(published)[:10])
        except ValueError:
            return False
        if self.since and day < self.since:
            return False
        return not (self.until and day > self.until)
