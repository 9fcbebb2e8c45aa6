"""Microdata (`itemprop`) -> `Found`: headline, author, dates, section, publisher name.

A value is read from `content`, `datetime` or `href`-less text, as schema.org says; an author
element that holds an `itemprop="name"` child gives that child's value.
"""

from __future__ import annotations

import lxml.html
from lxml import etree

from parsers.metadata.found import Found

_PROP = "contains(concat(' ', normalize-space(@itemprop), ' '), ' {} ')"


def _itemprop(name: str) -> etree.XPath:
    return etree.XPath(f"//*[{_PROP.format(name)}]")


_HEADLINE = _itemprop("headline")
_AUTHOR = etree.XPath(f"//*[{_PROP.format('author')} or {_PROP.format('creator')}]")
_NAME_IN = etree.XPath(f".//*[{_PROP.format('name')}]")
_PUBLISHED = _itemprop("datePublished")
_CREATED = _itemprop("dateCreated")
_MODIFIED = _itemprop("dateModified")
_SECTION = _itemprop("articleSection")
_PUBLISHER_NAME = etree.XPath(
    f"//*[{_PROP.format('publisher')}]//*[{_PROP.format('name')}]"
)
_MAX_VALUES = 5  # pages with item lists repeat these per teaser; the first few are enough


def read_microdata(doc: lxml.html.HtmlElement) -> Found:
    return Found(
        titles=_values(_HEADLINE(doc)),
        authors=[_author_value(el) for el in _AUTHOR(doc)[:_MAX_VALUES]],
        published=list(_values(_PUBLISHED(doc)) + _values(_CREATED(doc))),
        modified=list(_values(_MODIFIED(doc))),
        section=_values(_SECTION(doc)),
        site_name=_values(_PUBLISHER_NAME(doc)),
    )


def _values(elements: list[lxml.html.HtmlElement]) -> list[str]:
    values = [value_of(el) for el in elements[:_MAX_VALUES]]
    return [v for v in values if v]


def value_of(el: lxml.html.HtmlElement) -> str:
    for attr in ("content", "datetime"):
        value = el.get(attr)
        if value and value.strip():
            return " ".join(value.split())
    return " ".join(el.text_content().split())


def _author_value(el: lxml.html.HtmlElement) -> str:
    names = _NAME_IN(el)
    return value_of(names[0]) if names else value_of(el)
