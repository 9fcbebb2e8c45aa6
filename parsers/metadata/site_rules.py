"""Per-site overrides: the title/author/published CSS selectors of a site profile."""

from __future__ import annotations

import logging
from functools import lru_cache

import lxml.html
from cssselect import GenericTranslator, SelectorError
from lxml import etree

from parsers.metadata.found import Found
from parsers.metadata.microdata import value_of
from parsers.options import SiteRules

logger = logging.getLogger(__name__)


@lru_cache(maxsize=512)
def _compile(selector: str) -> etree.XPath | None:
    try:
        return etree.XPath(GenericTranslator().css_to_xpath(selector))
    except (SelectorError, etree.XPathSyntaxError) as exc:
        logger.warning("Ignoring site-rule selector %r: %s", selector, exc)
        return None


def _select(doc: lxml.html.HtmlElement, selectors: tuple[str, ...]) -> list[str]:
    values: list[str] = []
    for selector in selectors:
        xpath = _compile(selector)
        if xpath is None:
            continue
        for el in xpath(doc):
            value = value_of(el) if isinstance(el, etree._Element) else " ".join(str(el).split())
            if value:
                values.append(value)
        if values:
            break  # the first selector that matches wins
    return values


def read_site_rules(doc: lxml.html.HtmlElement, rules: SiteRules) -> Found:
    if not (rules.title or rules.author or rules.published):
        return Found()
    return Found(
        titles=_select(doc, rules.title)[:1],
        authors=_select(doc, rules.author),
        published=list(_select(doc, rules.published)),
    )
