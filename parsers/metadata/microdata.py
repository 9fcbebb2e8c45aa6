"""Microdata (`itemprop`) -> `Found`: headline, author, dates, section, publisher name.

A value is read from `content`, `datetime` or `href`-less text, as schema.org says, and from
the `title` of an `<abbr>`, as microformats do; an author element that holds an
`itemprop="name"` child gives that child's value.
"""

from __future__ import annotations

import lxml.html
from lxml import etree

from parsers.metadata.found import Found

_ITEMPROPS = etree.XPath("//*[@itemprop]")
_MAX_VALUES = 5  # pages with item lists repeat these per teaser; the first few are enough
Props = dict[str, list[lxml.html.HtmlElement]]


def read_microdata(doc: lxml.html.HtmlElement) -> Found:
    props = _props(doc)
    return Found(
        titles=_values(props.get("headline", [])),
        authors=[_author_value(el, props) for el in _authors(props)],
        published=list(_values(props.get("datepublished", []) + props.get("datecreated", []))),
        modified=list(_values(props.get("datemodified", []))),
        section=_values(props.get("articlesection", [])),
        site_name=[value_of(el) for el in _publisher_names(props)][:1],
    )


def _props(doc: lxml.html.HtmlElement) -> Props:
    """itemprop token (casefolded) -> elements, in document order. One cheap XPath."""
    props: Props = {}
    for el in _ITEMPROPS(doc):
        for token in el.get("itemprop", "").casefold().split():
            props.setdefault(token, []).append(el)
    return props


def _authors(props: Props) -> list[lxml.html.HtmlElement]:
    # Only the first: further author props belong to comments, answers or teasers. A comment
    # may also come first, in a page whose article has no author prop.
    authors = props.get("author", []) + props.get("creator", [])
    return [el for el in authors if not _in_comment(el)][:1]


def _in_comment(el: lxml.html.HtmlElement) -> bool:
    return any(
        "comment" in f"{node.get('class', '')} {node.get('id', '')}".lower()
        for node in (el, *el.iterancestors())
    )


def _publisher_names(props: Props) -> list[lxml.html.HtmlElement]:
    publishers = props.get("publisher", [])
    return [el for el in props.get("name", []) if any(_inside(el, p) for p in publishers)]


def _inside(el: lxml.html.HtmlElement, ancestor: lxml.html.HtmlElement) -> bool:
    return any(node is ancestor for node in el.iterancestors())


def _values(elements: list[lxml.html.HtmlElement]) -> list[str]:
    values = [value_of(el) for el in elements[:_MAX_VALUES]]
    return [v for v in values if v]


def value_of(el: lxml.html.HtmlElement) -> str:
    # <abbr title="2017-09-09T10:52:00+02:00">10:52</abbr>: the microformat way, which Blogger
    # templates keep on their itemprop dates.
    for attr in ("content", "datetime", "title") if el.tag == "abbr" else ("content", "datetime"):
        value = el.get(attr)
        if value and value.strip():
            return " ".join(value.split())
    return " ".join(el.text_content().split())


def _author_value(el: lxml.html.HtmlElement, props: Props) -> str:
    names = [n for n in props.get("name", []) if _inside(n, el)]
    return value_of(names[0]) if names else value_of(el)
