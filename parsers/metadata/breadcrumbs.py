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
from lxml import etree

from parsers.metadata import rules
from parsers.metadata.found import Found

# Breadcrumb trails: named so (a class or id with "crumb"; Chinese portals' "position" and
# "location" boxes, "当前位置：首页 > 新闻"), labelled so (aria-label), or typed so (microdata
# BreadcrumbList). The first trail of the page is read.
_TRAILS = etree.XPath(
    "//body//*[contains(translate(@class, 'CRUMB', 'crumb'), 'crumb')"
    " or contains(translate(@id, 'CRUMB', 'crumb'), 'crumb')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' position ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' location ')"
    " or contains(translate(@aria-label, 'BREADCRUMB', 'breadcrumb'), 'breadcrumb')"
    " or contains(@itemtype, 'BreadcrumbList')]"
)
# A step longer than this is the article's own headline, not a section.
_MAX_SECTION_WORDS = 5


def read_breadcrumb_section(doc: lxml.html.HtmlElement) -> Found:
    """The section the page's first breadcrumb trail names, if any."""
    trails = _TRAILS(doc)
    if not trails:
        return Found()
    steps = [
        " ".join(a.text_content().split())
        for a in trails[0].iter("a")
        if not _is_home(a.get("href") or "")
    ]
    steps = [s for s in steps if s and len(s.split()) <= _MAX_SECTION_WORDS and _may_name(s)]
    return Found(section=steps[-1:])


def _may_name(step: str) -> bool:
    """Not the home page, a label, a search or pager link, nor a year ("2022": an archive)."""
    return step.casefold() not in rules.NOT_SECTION_STEPS and not step.isdigit()


def _is_home(href: str) -> bool:
    """A link to the site's home page ("/", "https://example.com/", "index.html")."""
    path = urlsplit(href.strip()).path
    return path.strip("/") in ("", "index.html", "index.php", "index.htm")
