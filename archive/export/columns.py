"""The columns of an export: the one definition that every format follows.

`COLUMNS` gives each column its name, Arrow type and meaning. The Parquet and Hugging Face
schema (`ARROW_SCHEMA`), the CSV header and cell rules, the JSONL keys and the dataset
card's features are all derived from it, so they cannot disagree.

A row differs from the article record (`archive.records`) in four ways:

- `warc` is flattened into `warc_filename`, `warc_offset`, `warc_length`, `warc_record_id`
  and `warc_payload_digest`, so that provenance is plain columns;
- `crawl_site` is added: the site folder the record was read from (OUT/<site>/<crawl-id>/),
  or the URL's host for a bare JSONL file. The record's own `site` column is the site's
  self-description (name, licences) found on the page;
- `published_utc`, `modified_utc` (timestamps with time zone) are added next to the
  `published` / `modified` strings. They are set only when the page gave a UTC offset:
  a bare date or a local time is not an instant, and a guessed zone would be wrong;
- `field_sources` and `discovery` are lists of {name, value} pairs instead of objects,
  because Hugging Face datasets has no map type.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pyarrow as pa

from archive.capture import parse_warc_date
from archive.export.errors import ColumnError


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: pa.DataType
    doc: str
    provenance: bool = False  # always written, whatever --fields says


_STR = pa.string()
_UTC = pa.timestamp("us", tz="UTC")
_STRINGS = pa.list_(_STR)
_IMAGE = pa.struct([("url", _STR), ("alt", _STR), ("caption", _STR), ("credit", _STR)])
_BLOCK = pa.struct(
    [
        ("kind", _STR),
        ("text", _STR),
        ("level", pa.int32()),
        ("items", _STRINGS),
        ("rows", pa.list_(_STRINGS)),
        ("image", _IMAGE),
    ]
)
_LICENCE = pa.struct([("kind", _STR), ("number", _STR), ("text", _STR)])
_SITE = pa.struct([("name", _STR), ("licences", pa.list_(_LICENCE))])
_REMOVED = pa.struct([("kind", _STR), ("text", _STR)])
_PAIRS = pa.list_(pa.struct([("name", _STR), ("value", _STR)]))

COLUMNS: tuple[Column, ...] = (
    Column("url", _STR, "the fetched URL (after redirects)"),
    Column("canonical_url", _STR, "link rel=canonical / og:url"),
    Column("title", _STR, "headline without site suffixes"),
    Column("authors", _STRINGS, "person names"),
    Column("published", _STR, "publication date as the page gave it (ISO 8601)"),
    Column("published_utc", _UTC, "`published` as an instant; null without a UTC offset"),
    Column("modified", _STR, "modification date as the page gave it (ISO 8601)"),
    Column("modified_utc", _UTC, "`modified` as an instant; null without a UTC offset"),
    Column("language", _STR, "ISO 639-1 code"),
    Column("section", _STR, "section or category"),
    Column("tags", _STRINGS, "keywords and tags"),
    Column("description", _STR, "meta / OpenGraph description"),
    Column("text", _STR, "body text, paragraphs separated by a blank line"),
    Column("blocks", pa.list_(_BLOCK), "the body in reading order"),
    Column("images", pa.list_(_IMAGE), "images with alt, caption and credit"),
    Column("source", _STR, "syndication source"),
    Column("editor", _STR, "responsible editor"),
    Column("site", _SITE, "site name and licences found on the page"),
    Column("field_sources", _PAIRS, "which source gave each metadata field"),
    Column("boilerplate_removed", pa.list_(_REMOVED), "what was stripped, and why"),
    Column("encoding", _STR, "encoding the page was decoded with"),
    Column("extraction_status", _STR, "always `ok` for exported articles"),
    Column("text_digest", _STR, "sha256 of `text`"),
    Column("fetched_at", _UTC, "when the response was archived (its WARC-Date)"),
    Column("status", pa.int32(), "HTTP status"),
    Column("content_type", _STR, "HTTP Content-Type"),
    Column("discovery", _PAIRS, "how the URL was found (via, referrer, lastmod, ...)"),
    Column("warc_filename", _STR, "WARC file holding the response record", True),
    Column("warc_offset", pa.int64(), "offset of the record's gzip member", True),
    Column("warc_length", pa.int64(), "length of the record's gzip member", True),
    Column("warc_record_id", _STR, "WARC-Record-ID of the response", True),
    Column("warc_payload_digest", _STR, "WARC-Payload-Digest of the response", True),
    Column("parser_version", _STR, "extraction engine version", True),
    Column("crawl_id", _STR, "the crawl that fetched it", True),
    Column("crawl_site", _STR, "site folder of the crawl (or URL host for a bare file)", True),
)

ARROW_SCHEMA = pa.schema([pa.field(c.name, c.type) for c in COLUMNS])
COLUMN_NAMES = tuple(c.name for c in COLUMNS)


def select_columns(fields: Sequence[str] | None) -> tuple[Column, ...]:
    """The columns to write: those named (in schema order) plus every provenance column.

    None keeps them all. An unknown name is a ColumnError listing the valid ones.
    """
    if not fields:
        return COLUMNS
    unknown = sorted(set(fields) - set(COLUMN_NAMES))
    if unknown:
        raise ColumnError(
            f"unknown column(s) {', '.join(unknown)}; expected some of {', '.join(COLUMN_NAMES)}"
        )
    wanted = set(fields)
    return tuple(c for c in COLUMNS if c.name in wanted or c.provenance)


def schema_of(columns: Sequence[Column]) -> pa.Schema:
    return pa.schema([pa.field(c.name, c.type) for c in columns])


# scheme://[userinfo@]host[:port]..., host possibly an [IPv6] literal: what
# urllib.parse.urlsplit(url).hostname gives for absolute URLs, at a tenth of the cost.
_HOST = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?(\[[^\]/]*\]|[^:/?#]*)")


def url_host(url: str) -> str:
    """The host of a URL, lower case, without port or brackets: a bare file's
    `crawl_site` ("" for a relative URL)."""
    match = _HOST.match(url)
    return match.group(1).strip("[]").lower() if match else ""


def to_row(record: dict[str, Any], crawl_site: str) -> dict[str, Any]:
    """One export row from one article record (see the module docstring for the rules).

    Timestamps are aware datetimes; everything else is JSON-ready.
    """
    row = {name: record.get(name) for name in COLUMN_NAMES}
    row["published_utc"] = instant(record.get("published"))
    row["modified_utc"] = instant(record.get("modified"))
    row["fetched_at"] = parse_warc_date(record["fetched_at"])
    row["field_sources"] = _pairs(record.get("field_sources"))
    row["discovery"] = _pairs(record.get("discovery"))
    warc = record.get("warc") or {}
    for key in ("filename", "offset", "length", "record_id", "payload_digest"):
        row[f"warc_{key}"] = warc.get(key)
    row["crawl_site"] = crawl_site
    return row


def instant(text: Any) -> datetime | None:
    """An ISO 8601 date-time with a UTC offset as an aware datetime; None otherwise."""
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _pairs(mapping: Any) -> list[dict[str, str]]:
    if not isinstance(mapping, dict):
        return []
    return [{"name": str(k), "value": str(v)} for k, v in mapping.items()]
