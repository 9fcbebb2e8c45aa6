"""The article record: one serializer for every path (live crawl, reparse, export).

`article_record` runs the extraction engine over a stored or live body and joins the
Article with the facts of the fetch, so the JSON depends only on what is in the WARC.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archive.capture import WarcLocation
from parsers import PARSER_VERSION, Article, ExtractOptions, extract
from parsers.options import DEFAULT_OPTIONS


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
    discovery: dict[str, Any] | None = None,
    options: ExtractOptions = DEFAULT_OPTIONS,
) -> dict[str, Any]:
    """Extract the article from a decoded body and build its JSON record."""
    headers = {"Content-Type": fetch.content_type} if fetch.content_type else None
    article = extract(body, fetch.url, headers=headers, options=options)
    return build_record(article, fetch, warc=warc, crawl_id=crawl_id, discovery=discovery)


def build_record(
    article: Article,
    fetch: FetchFacts,
    *,
    warc: WarcLocation | None,
    crawl_id: str | None,
    discovery: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The article plus the facts of its fetch. `discovery` says how the URL was found
    (via sitemap, feed or link, the referrer, and sitemap/feed facts)."""
    record = article.to_dict()
    record["fetched_at"] = fetch.fetched_at
    record["status"] = fetch.status
    record["content_type"] = fetch.content_type
    record["discovery"] = discovery or {}
    record["warc"] = warc.to_dict() if warc is not None else None
    record["parser_version"] = PARSER_VERSION
    record["crawl_id"] = crawl_id
    return record


def to_json_line(record: dict[str, Any]) -> str:
    """One JSONL line (UTF-8 text, no trailing newline)."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def read_json_lines(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a JSONL file this crawl wrote; nothing if it does not exist.

    A line torn by a crash (no newline at its end, or not valid JSON) is skipped: its
    article was never committed to the state store, so it is fetched again."""
    if not path.exists():
        return
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.endswith("\n"):
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict):
                yield record


# Extraction outcomes that are not an article, as the error kinds a crawl counts.
REJECTION_KINDS = {
    "not_html": "not_html",
    "empty": "empty_body",
    "no_content": "no_content",
    "too_short": "too_short",
}


def rejection(record: dict[str, Any]) -> str | None:
    """Why a record is not written as an article (an error kind), or None to keep it.

    Live crawl and reparse both decide with this, so they write the same lines.
    """
    return REJECTION_KINDS.get(str(record.get("extraction_status")))


# Keys every record has, with the JSON types allowed for each.
_REQUIRED: dict[str, tuple[type, ...]] = {
    "url": (str,),
    "title": (str, type(None)),
    "authors": (list,),
    "text": (str,),
    "blocks": (list,),
    "images": (list,),
    "fetched_at": (str,),
    "status": (int,),
    "parser_version": (str,),
}


def schema_problems(record: dict[str, Any]) -> list[str]:
    """What is wrong with a record's shape (empty when it is well-formed)."""
    problems = []
    for key, types in _REQUIRED.items():
        if key not in record:
            problems.append(f"missing field '{key}'")
        elif not isinstance(record[key], types):
            problems.append(f"field '{key}' is {type(record[key]).__name__}")
    return problems
