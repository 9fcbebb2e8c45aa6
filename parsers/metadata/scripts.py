"""Dates in the JSON state of inline scripts -> `Found` (source "script").

Pages rendered by JavaScript (shop systems, React and Vue apps) may show no date in their
markup but keep the article's record in an inline script: `"published_at":"2019-03-02T06:22"`.
The keys are `rules.SCRIPT_DATE_KEYS`, most telling first; for each key the first quoted value
in document order is taken. JSON-LD scripts are left to `parsers.metadata.jsonld`. This is the
last source of the cascade: the keys also name the dates of comments and other records, so a
page's own markup is always trusted first.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from parsers.metadata import rules
from parsers.metadata.found import Found

_INLINE_SCRIPTS = etree.XPath(
    "//script[not(@src)][not(contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json'))]/text()",
    smart_strings=False,
)
# "key":"value", also escaped inside a JS string (\"key\":\"value\").
_KEY_VALUE_RE = re.compile(
    r'\\?"(?P<key>{keys})\\?"\s*:\s*\\?"(?P<value>[^"\\]{{8,40}})\\?"'.format(
        keys="|".join(re.escape(k) for k in rules.SCRIPT_DATE_KEYS)
    )
)
# Scripts beyond this many characters in all are not read: app bundles, not page state.
_MAX_CHARS = 2_000_000


def read_script_dates(doc: lxml.html.HtmlElement) -> Found:
    """The dates kept in inline script data: for each key, its first value, in key order."""
    first_by_key: dict[str, str] = {}
    budget = _MAX_CHARS
    for text in _INLINE_SCRIPTS(doc):
        budget -= len(text)
        if budget < 0:
            break
        # Most scripts name none of the keys: substring tests spare the regex scan.
        if not any(map(text.__contains__, rules.SCRIPT_DATE_KEYS)):
            continue
        for match in _KEY_VALUE_RE.finditer(text):
            first_by_key.setdefault(match.group("key"), match.group("value"))
    return Found(published=[first_by_key[k] for k in rules.SCRIPT_DATE_KEYS if k in first_by_key])
