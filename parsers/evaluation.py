"""The adapter for ../shared/eval/score.py: `-e parsers.evaluation:extract_for_eval`.

score.py imports the adapter's module once, before it times anything, and asks for expensive
set-up to be done then. The language detector's model (about half a second to load) is
loaded here, as a crawl loads it once for all its pages; without this the first page that
needed the detector was charged with it.
"""

from __future__ import annotations

from parsers import language
from parsers.article import Article
from parsers.extract import extract

language.load_model()


def extract_for_eval(html: bytes, url: str | None) -> Article:
    """The article of one page of a scored set (`url` may be None there)."""
    return extract(html, url or "")
