"""The page's section from its visible breadcrumb trail (source "breadcrumb").

"Home > Business > Coffee prices hit two-year high": the last linked step below the site's
home page names the section. Read only when no declared source names one (meta
`article:section`, JSON-LD `articleSection`, microdata), so a page that declares nothing
still gets its section, and the body filter can tell the kicker over the headline
("Business", a link to the section) from the article.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import lxml.html

from parsers.metadata import rules
from parsers.metadata.found import Found

# A step longer than this is the article's own headline, not a section.
_MAX_SECTION_WORDS = 5
# Elements a trail is built of; lists and <nav> are also labelled (aria-label="Breadcrumb") or
# typed (microdata BreadcrumbList) as one.
_TRAIL_TAGS = ("nav", "ol", "ul", "div", "p")
_LABELLED_TAGS = frozenset({"nav", "ol", "ul"})


def read_breadcrumb_section(doc: lxml.html.HtmlElement) -> Found:
    """The section the page's first breadcrumb trail names, if any."""
    trail = _first_trail(doc)
    if trail is None:
        return Found()
    steps = [
        " ".join(a.text_content().split())
        for a in trail.iter("a")
        if not _is_home(a.get("href") or "")
    ]
    steps = [s for s in steps if s and len(s.split()) <= _MAX_SECTION_WORDS and _may_name(s)]
    return Found(section=steps[-1:])


def _first_trail(doc: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The first element named as a trail (a class or id with "crumb"; Chinese portals'
    "position" and "location" boxes: "当前位置：首页 > 新闻"), or labelled or typed as one.

    A walk over the trail tags that stops at the first: an XPath testing the attributes of
    every element cost 3 ms a page, and this runs on every page without a declared section.
    """
    body = doc.find("body")
    for el in (body if body is not None else doc).iter(*_TRAIL_TAGS):
        classes = el.get("class")
        if classes and ("rumb" in classes or "RUMB" in classes):
            return el
        # "position" and "location" as whole class names only: "position-relative" is a style
        if (
            classes
            and ("position" in classes or "location" in classes)
            and not _TRAIL_CLASSES.isdisjoint(classes.split())
        ):
            return el
        ident = el.get("id")
        if ident and "rumb" in ident.lower():
            return el
        if el.tag in _LABELLED_TAGS and (
            "readcrumb" in (el.get("aria-label") or "")
            or "BreadcrumbList" in (el.get("itemtype") or "")
        ):
            return el
    return None


_TRAIL_CLASSES = frozenset({"position", "location"})


def _may_name(step: str) -> bool:
    """Not the home page, a label, a search or pager link, nor a year ("2022": an archive)."""
    return step.casefold() not in rules.NOT_SECTION_STEPS and not step.isdigit()


def _is_home(href: str) -> bool:
    """A link to the site's home page ("/", "https://example.com/", "index.html")."""
    path = urlsplit(href.strip()).path
    return path.strip("/") in ("", "index.html", "index.php", "index.htm")
