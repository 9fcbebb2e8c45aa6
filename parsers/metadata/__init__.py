"""Stage 3: article metadata from the whole, unpruned tree.

FIRST VERSION (placeholder until the metadata cascade lands): title and description from
meta tags only. The contract (`Metadata`, `extract_metadata`) is final.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import lxml.html

from parsers.options import ExtractOptions


@dataclass(slots=True)
class Metadata:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    language: str | None = None  # as declared by the page
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    description: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    source: str | None = None
    editor: str | None = None
    field_sources: dict[str, str] = field(default_factory=dict)
    # Visible lines the metadata was read from (bylines, dateline): the body drops them.
    byline_texts: list[str] = field(default_factory=list)


def extract_metadata(
    doc: lxml.html.HtmlElement, url: str, options: ExtractOptions
) -> Metadata:
    meta = Metadata()
    titles = doc.xpath("//meta[@property='og:title']/@content") or doc.xpath("//title/text()")
    if titles:
        meta.title = " ".join(str(titles[0]).split())
        meta.field_sources["title"] = "opengraph"
    lang = doc.get("lang")
    if lang:
        meta.language = lang
    return meta
