"""The article record: one serializer for every path (live crawl, reparse, export).

`article_record` runs the extraction engine over a stored or live body and joins the
Article with the facts of the fetch, so the JSON depends only on what is in the WARC.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from parsers import PARSER_VERSION, Article, ExtractOptions, extract
from parsers.options import DEFAULT_OPTIONS

from archive.capture import WarcLocation


@dataclass(frozen=True, slots=True)
class FetchFacts:
    url: str
    status: int
    content_type: str | None
    fetched_at: str  # the response record's WARC-Date (archive.capture.warc_date)


# Record keys that come from the fetch, not from the page (in schema order).
FETCH_KEYS = ("fetched_at", "status", "content_type")


def article_record(
    body: bytes,
    fetch: FetchFacts,
    *,
    warc: WarcLocation | None,
    crawl_id: str | None,
    options: ExtractOptions = DEFAULT_OPTIONS,
) -> dict[str, Any]:
    """Extract the article from a decoded body and build its JSON record."""
    headers = {"Content-Type": fetch.content_type} if fetch.content_type else None
    article = extract(body, fetch.url, headers=headers, options=options)
    return build_record(article, fetch, warc=warc, crawl_id=crawl_id)


def build_record(
    article: Article,
    fetch: FetchFacts,
    *,
    warc: WarcLocation | None,
    crawl_id: str | None,
) -> dict[str, Any]:
    record = article.to_dict()
    record["fetched_at"] = fetch.fetched_at
    record["status"] = fetch.status
    record["content_type"] = fetch.content_type
    record["warc"] = warc.to_dict() if warc is not None else None
    record["parser_version"] = PARSER_VERSION
    record["crawl_id"] = crawl_id
    return record


def to_json_line(record: dict[str, Any]) -> str:
    """One JSONL line (UTF-8 text, no trailing newline)."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))
