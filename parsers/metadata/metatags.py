"""`<meta>` tags -> two `Found`s: OpenGraph (og:*, article:*) and the other meta names.

All meta tags are read once into a map from the casefolded name/property/http-equiv to the
contents in document order; each field then asks the names of its `rules.META_*` tuple in order.
`itemprop` metas are left to the microdata reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import lxml.html
from lxml import etree

from parsers.metadata import rules
from parsers.metadata.found import Found
from parsers.metadata.names import outlet_name

_METAS = etree.XPath("//meta[@content]")
_KEYWORD_SPLIT_RE = re.compile(r"\s*[,;、，；]\s*")
MetaMap = dict[str, list[str]]


def read_meta_map(doc: lxml.html.HtmlElement) -> MetaMap:
    metas: MetaMap = {}
    for meta in _METAS(doc):
        key = meta.get("property") or meta.get("name") or meta.get("http-equiv")
        content = " ".join((meta.get("content") or "").split())
        if key and content:
            metas.setdefault(key.strip().casefold(), []).append(content)
    return metas


def read_opengraph(metas: MetaMap) -> Found:
    return _read(metas, _is_opengraph)


def read_other_meta(metas: MetaMap) -> Found:
    return _read(metas, lambda name: not _is_opengraph(name))


def _is_opengraph(name: str) -> bool:
    return name.startswith(("og:", "article:"))


def _read(metas: MetaMap, wanted: Callable[[str], bool]) -> Found:
    def values(names: tuple[str, ...]) -> list[str]:
        return [v for name in names if wanted(name) for v in metas.get(name, ())]

    found = Found(
        titles=values(rules.META_TITLE),
        authors=values(rules.META_AUTHOR),
        published=list(values(rules.META_PUBLISHED)),
        modified=list(values(rules.META_MODIFIED)),
        language=values(rules.META_LANGUAGE),
        section=values(rules.META_SECTION),
        description=values(rules.META_DESCRIPTION),
        canonical_url=values(("og:url",)),
        site_name=values(rules.META_SITE_NAME),
        source=[n for v in values(rules.META_SOURCE) if (n := outlet_name(v))],
    )
    found.tags = [t for v in values(rules.META_TAGS) for t in _KEYWORD_SPLIT_RE.split(v) if t]
    labelled = _labelled_authors(metas) if wanted("twitter:data1") else []
    if labelled:
        # After the author tags: those may name a person while this names the account.
        found.later_authors.append(labelled)
    return found


def _labelled_authors(metas: MetaMap) -> list[str]:
    """ "twitter:label1" = "Written by", "twitter:data1" = "Ann Lee": the post's author, as
    SEO plugins (Yoast) label it for link previews."""
    authors: list[str] = []
    for n in range(1, rules.MAX_TWITTER_LABELS + 1):
        labels, data = metas.get(f"twitter:label{n}", ()), metas.get(f"twitter:data{n}", ())
        for label, value in zip(labels, data, strict=False):
            if label.casefold().strip(" :") in rules.META_AUTHOR_LABELS:
                authors.append(value)
    return authors
