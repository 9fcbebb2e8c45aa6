"""The bundled sample news site: static pages under ``www/`` and a local server for them.

``articles.json`` lists every article page with its clean headline; a test keeps it in
step with the files, so crawl tests can assert one JSON line per listed article.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

from crawler.sample_site.server import (
    FAULT_EMPTY_PATH,
    FAULT_PDF_PATH,
    GBK_PATH,
    GZIP_PATH,
    ICHONGQING_PATH,
    NOT_FOUND_PATH,
    PRIVATE_PATH,
    REDIRECT_PATH,
    ROUTES,
    WWW_ROOT,
    Route,
    SampleSiteServer,
)

__all__ = [
    "EXPECTED_ARTICLES",
    "FAULT_EMPTY_PATH",
    "FAULT_PDF_PATH",
    "GBK_PATH",
    "GZIP_PATH",
    "ICHONGQING_PATH",
    "NOT_FOUND_PATH",
    "PRIVATE_PATH",
    "REDIRECT_PATH",
    "ROUTES",
    "WWW_ROOT",
    "ExpectedArticle",
    "Route",
    "SampleSiteServer",
    "article_paths",
    "load_articles",
]


@dataclass(frozen=True, slots=True)
class ExpectedArticle:
    """One article page of the sample site and what extraction should find on it."""

    path: str  # URL path, e.g. "/world/2024/04/some-slug.html"
    title: str  # the clean headline: the page's <h1>, without any site suffix
    section: str
    author: str
    published: str  # ISO 8601, with offset where the page gives a time (else a date only)
    language: str
    encoding: str  # the page's byte encoding


def load_articles() -> tuple[ExpectedArticle, ...]:
    """Read ``articles.json`` from the package."""
    raw = resources.files(__package__).joinpath("articles.json").read_text(encoding="utf-8")
    return tuple(ExpectedArticle(**entry) for entry in json.loads(raw)["articles"])


EXPECTED_ARTICLES: tuple[ExpectedArticle, ...] = load_articles()


def article_paths() -> tuple[str, ...]:
    """The URL path of every article page (no redirects, 404s or fault pages)."""
    return tuple(article.path for article in EXPECTED_ARTICLES)
