"""Within-run article dedup, shared by the crawl pipeline and reparse.

An article is a duplicate when its canonical URL (or URL) or its text digest was seen
before in the same run: syndicated copies and URL variants give one line, not several.
"""

from __future__ import annotations

from typing import Any


class SeenArticles:
    def __init__(self) -> None:
        self._urls: set[str] = set()
        self._digests: set[str] = set()

    def duplicate_reason(self, record: dict[str, Any]) -> str | None:
        """None for a new article (and remember it), else why it is a duplicate."""
        url = str(record.get("canonical_url") or record.get("url") or "")
        digest = record.get("text_digest")
        if url and url in self._urls:
            return "duplicate_url"
        if digest and digest in self._digests:
            return "duplicate_text"
        if url:
            self._urls.add(url)
        if digest:
            self._digests.add(str(digest))
        return None
