"""Discovery documents: robots.txt `Sitemap:` lines, sitemaps and feeds -> URLs.

Pure functions over bytes (no Scrapy). XML is parsed without DTDs, entity resolution or
network access, and gzip is inflated with a size cap, so a hostile sitemap cannot blow up
memory or read local files.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

from lxml import etree

logger = logging.getLogger(__name__)

# Sitemaps may hold 50,000 URLs and 50 MB uncompressed (sitemaps.org); allow a margin.
MAX_XML_BYTES = 64 * 1024 * 1024

# Facts that Scrapy's own sitemap parser drops and that we carry into the record.
_NEWS_FIELDS = ("publication_date", "title", "keywords", "language")


@dataclass(frozen=True, slots=True)
class DiscoveredUrl:
    url: str
    via: str  # "sitemap", "feed" or "robots"
    lastmod: str | None = None
    facts: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Sitemap:
    is_index: bool
    entries: tuple[DiscoveredUrl, ...]


class DiscoveryError(ValueError):
    """A discovery document that cannot be read (not XML, too big, truncated gzip)."""


def robots_sitemaps(body: bytes, base_url: str) -> list[str]:
    """The `Sitemap:` URLs of a robots.txt, absolute."""
    urls = []
    for raw in body.decode("utf-8", errors="replace").splitlines():
        key, _, value = raw.partition(":")
        if key.strip().lower() == "sitemap" and value.strip():
            url = _absolute(base_url, value.strip())
            if url:
                urls.append(url)
    return urls


def inflate(body: bytes, *, limit: int = MAX_XML_BYTES) -> bytes:
    """Gunzip a body that is gzip (by magic number), reading at most `limit` bytes."""
    if body[:2] != b"\x1f\x8b":
        return body[:limit]
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as stream:
            data = stream.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise DiscoveryError(f"bad gzip data: {exc}") from exc
    if len(data) > limit:
        raise DiscoveryError(f"more than {limit} bytes once decompressed (MAX_XML_BYTES)")
    return data


def _parse_xml(body: bytes) -> etree._Element:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True
    )
    try:
        root = etree.fromstring(inflate(body), parser=parser)
    except etree.XMLSyntaxError as exc:
        raise DiscoveryError(f"not XML: {exc}") from exc
    if root is None:
        raise DiscoveryError("not XML: empty document")
    return root


def _absolute(base_url: str, ref: str) -> str | None:
    """`ref` resolved against `base_url`; None for a URL that cannot be parsed (such as
    "http://[" , which urljoin rejects with ValueError). Found by fuzzing."""
    try:
        return urljoin(base_url, ref)
    except ValueError:
        return None


def _local(tag: object) -> str:
    """The local name of an element's tag ("" for comments and PIs). Plain string work:
    lxml's QName raises on names that recovery lets through (e.g. "urlp:")."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _child_text(node: etree._Element, name: str) -> str | None:
    for child in node:
        if _local(child.tag) == name and child.text and child.text.strip():
            return str(child.text).strip()
    return None


def parse_sitemap(body: bytes, base_url: str) -> Sitemap:
    """A sitemap or sitemap index, with lastmod, news:* and image:loc facts kept."""
    root = _parse_xml(body)
    is_index = _local(root.tag) == "sitemapindex"
    entries = []
    for node in root:
        if _local(node.tag) not in ("url", "sitemap"):
            continue
        loc = _child_text(node, "loc")
        url = _absolute(base_url, loc) if loc else None
        if not url:
            continue
        entries.append(
            DiscoveredUrl(
                url=url,
                via="sitemap",
                lastmod=_child_text(node, "lastmod"),
                facts=_sitemap_facts(node),
            )
        )
    return Sitemap(is_index=is_index, entries=tuple(entries))


def _sitemap_facts(node: etree._Element) -> dict[str, str]:
    facts: dict[str, str] = {}
    for child in node.iter():
        name = _local(child.tag)
        text = (child.text or "").strip()
        if not text:
            continue
        if name in _NEWS_FIELDS and "news" in _namespace(str(child.tag)):
            facts[f"news:{name}"] = text
        elif name == "loc" and child.getparent() is not node:
            facts.setdefault("image:loc", text)
    return facts


def parse_feed(body: bytes, base_url: str) -> list[DiscoveredUrl]:
    """Item links of an RSS 2.0, RSS 1.0, Atom or JSON Feed document."""
    if inflate(body).lstrip()[:1] == b"{":
        return _parse_json_feed(inflate(body), base_url)
    root = _parse_xml(body)
    found = []
    for node in root.iter():
        name = _local(node.tag)
        if name == "item":
            link = _child_text(node, "link") or _child_text(node, "guid")
            date = _child_text(node, "pubDate") or _child_text(node, "date")
        elif name == "entry":
            link = _atom_link(node)
            date = _child_text(node, "published") or _child_text(node, "updated")
        else:
            continue
        url = _absolute(base_url, link) if link else None
        if url:
            facts = {"feed:title": t} if (t := _child_text(node, "title")) else {}
            found.append(DiscoveredUrl(url=url, via="feed", lastmod=date, facts=facts))
    return found


def _atom_link(entry: etree._Element) -> str | None:
    for child in entry:
        if _local(child.tag) == "link" and child.get("rel", "alternate") == "alternate":
            href = child.get("href")
            if href:
                return str(href)
    return None


def _parse_json_feed(body: bytes, base_url: str) -> list[DiscoveredUrl]:
    """JSON Feed 1.x (jsonfeed.org): items[].url, date_published, title."""
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DiscoveryError(f"not a JSON feed: {exc}") from exc
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise DiscoveryError("not a JSON feed: no items list")
    found = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("url"), str):
            continue
        url = _absolute(base_url, item["url"])
        if not url:
            continue
        date = item.get("date_published") or item.get("date_modified")
        title = item.get("title")
        found.append(
            DiscoveredUrl(
                url=url,
                via="feed",
                lastmod=date if isinstance(date, str) else None,
                facts={"feed:title": title} if isinstance(title, str) and title else {},
            )
        )
    return found


# <link rel="alternate"> types that announce a feed.
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/feed+json", "application/json"}
)


def parse_date(text: str | None) -> datetime | None:
    """A sitemap (W3C datetime), RSS (RFC 822) or Atom date; None when unreadable.
    Dates without a zone are taken as UTC."""
    if not text:
        return None
    text = text.strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
