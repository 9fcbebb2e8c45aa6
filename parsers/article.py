"""The Article: what the extraction engine returns for one page.

Everything here is plain data. `Article.to_dict()` is the one place that decides how an
article looks as JSON; the crawl, reparse and export paths all go through it (via
`archive.records`), so a live crawl and a re-parse of its WARCs give equal JSON.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class ExtractionStatus(StrEnum):
    """Expected outcomes of `parsers.extract`; none of them is an exception."""

    OK = "ok"
    NOT_HTML = "not_html"  # the bytes are not an HTML document (PDF, image, JSON...)
    EMPTY = "empty"  # no bytes, or no text at all
    NO_CONTENT = "no_content"  # HTML, but no article body was found
    TOO_SHORT = "too_short"  # a body was found but is shorter than the options allow


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST = "list"
    QUOTE = "quote"
    TABLE = "table"
    FIGURE = "figure"
    CODE = "code"


@dataclass(frozen=True, slots=True)
class Image:
    url: str
    alt: str | None = None
    caption: str | None = None
    credit: str | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of the body, in reading order.

    `text` is always the plain text of the block. Lists keep their items in `items`,
    tables their cells in `rows`, figures their image in `image` (and caption in `text`).
    """

    kind: BlockKind
    text: str
    level: int = 0  # heading level 1-6; 0 for other kinds
    items: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    image: Image | None = None


@dataclass(frozen=True, slots=True)
class Removed:
    """A piece of boilerplate the engine took out of the body, and why."""

    kind: str  # e.g. "icp_filing", "consent", "hotline", "share", "nav", "copyright"
    text: str


@dataclass(frozen=True, slots=True)
class Licence:
    """A site fact found in a footer: an ICP filing, a news licence, ..."""

    kind: str  # "icp_filing", "icp_licence", "telecom_licence", "public_security_filing", ...
    number: str
    text: str  # the line it came from


@dataclass(slots=True)
class SiteInfo:
    name: str | None = None
    licences: list[Licence] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    url: str
    canonical_url: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601, with offset where known
    modified: str | None = None
    language: str | None = None  # ISO 639-1 code
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    description: str | None = None
    text: str = ""  # paragraphs separated by one blank line
    blocks: list[Block] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    source: str | None = None  # syndication source (来源)
    editor: str | None = None  # responsible editor (责任编辑)
    site: SiteInfo = field(default_factory=SiteInfo)
    field_sources: dict[str, str] = field(default_factory=dict)
    boilerplate_removed: list[Removed] = field(default_factory=list)
    encoding: str | None = None
    extraction_status: ExtractionStatus = ExtractionStatus.OK

    @property
    def text_digest(self) -> str | None:
        """sha256 of the body text, for dedup; None when there is no text."""
        if not self.text:
            return None
        return "sha256:" + hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def markdown(self) -> str:
        from parsers.serialize import blocks_to_markdown

        return blocks_to_markdown(self.blocks)

    def to_dict(self) -> dict[str, Any]:
        """The article as JSON-ready data, keys in schema order."""
        data = asdict(self)
        data["blocks"] = [_block_dict(b) for b in self.blocks]
        data["extraction_status"] = str(self.extraction_status)
        data["text_digest"] = self.text_digest
        return data


def _block_dict(block: Block) -> dict[str, Any]:
    """Blocks drop their empty optional parts, so JSON lines stay short."""
    data: dict[str, Any] = {"kind": str(block.kind), "text": block.text}
    if block.level:
        data["level"] = block.level
    if block.items:
        data["items"] = list(block.items)
    if block.rows:
        data["rows"] = [list(r) for r in block.rows]
    if block.image is not None:
        data["image"] = asdict(block.image)
    return data
