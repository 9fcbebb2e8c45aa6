"""The title: the visible h1 when it agrees with the declared titles, else the best declared
title with the site name trimmed off.

Order of precedence:
  1. an h1 (of the first few) that approximately matches a declared title (JSON-LD headline,
     og:title, meta titles, `<title>`): the page shows it, and the declared ones confirm it;
  2. the first declared title, in cascade order, with site prefixes/suffixes removed;
  3. the first h1 of headline length.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from parsers.metadata import rules
from parsers.textutil import marks, texts_except

_WORD_RE = re.compile(r"\w+")
# A date glued before the headline: "27.01.2022Mineralölinfo", "23.01.2022 - Dorothea ...".
_LEADING_DATE_RE = re.compile(
    r"^(?:\d{1,2}\.\s?(?:\d{1,2}\.|[^\W\d]+)\s?\d{4}|\d{4}-\d\d-\d\d)\s*[-–|:]?\s*"
)
_MAX_H1S = 4  # h1s after the first few are teasers or widgets
_MIN_TITLE_CHARS = 3
_MAX_TITLE_CHARS = 400
# A trailing/leading part this short (in words) next to a separator is a site name or section.
_MAX_AFFIX_WORDS = 6


@dataclass(frozen=True, slots=True)
class TitleChoice:
    title: str
    source: str


def in_body(doc: lxml.html.HtmlElement, *tags: str) -> Iterator[lxml.html.HtmlElement]:
    """The elements with these tags inside a <body>, in document order (XPath's
    `//body//h1`), lazily: a C-level walk over elements only, about five times faster than
    XPath's per-node test for the four heading tags, and callers may stop early."""
    for el in doc.getroottree().iter(*tags):
        if next(el.iterancestors("body"), None) is not None:
            yield el


def h1_texts(doc: lxml.html.HtmlElement) -> list[str]:
    h1s = (el for el in islice(in_body(doc, "h1"), _MAX_H1S) if not is_logo(el))
    texts = (headline_text(el) for el in h1s)
    return [t for t in texts if _MIN_TITLE_CHARS <= len(t) <= _MAX_TITLE_CHARS]


def is_logo(heading: lxml.html.HtmlElement) -> bool:
    """A heading that is one link to the site's home page ("<h1><a href='/'>Blog name</a>")
    is the logo of a theme, not a headline."""
    links = heading.findall(".//a")
    if len(links) != 1:
        return False
    text = " ".join(heading.text_content().split())
    if not text or " ".join(links[0].text_content().split()) != text:
        return False
    href = links[0].get("href") or ""
    # An archived page's links keep the original URL after the archive's prefix.
    original = href[href.rfind("http") :] if href.rfind("http") > 0 else href
    path = urlsplit(original).path.strip("/")
    return path in rules.HOME_PATHS or bool(rules.LANGUAGE_HOME_RE.match(path))


def headline_text(h1: lxml.html.HtmlElement) -> str:
    """The headline in an h1, without its kicker, hidden separator or date."""
    for child in h1.iterdescendants(etree.Element):
        names = marks(child)
        if any(t in names for t in rules.H1_HEADLINE_TOKENS) and not _is_kicker(child):
            text = " ".join(" ".join(_itertext_without_kickers(child)).split())
            # "Krach vor der VW-Betriebsversammlung:" in the title span, the rest in the
            # next span: a headline does not end with a colon, so the whole h1 is read.
            if text and not text.endswith((":", "：")):
                return text
    text = " ".join(" ".join(_itertext_without_kickers(h1)).split())
    return _LEADING_DATE_RE.sub("", text)


def _itertext_without_kickers(el: lxml.html.HtmlElement) -> Iterable[str]:
    """The text of `el` without kickers, and without the rules of a <style> or <script>
    put inside the heading (CSS-in-JS components do that)."""
    return texts_except(el, lambda child: child.tag in _NOT_TEXT_TAGS or _is_kicker(child))


_NOT_TEXT_TAGS = frozenset({"style", "script", "noscript", "template"})


def _is_kicker(el: lxml.html.HtmlElement) -> bool:
    return el.tag == "time" or any(t in marks(el) for t in rules.H1_KICKER_TOKENS)


def title_element(doc: lxml.html.HtmlElement) -> list[str]:
    # The first <title> in document order (`//head/title | //title` as XPath); a lazy
    # iteration stops there instead of walking the whole page.
    first = next(doc.getroottree().iter("title"), None)
    text = " ".join(first.text_content().split()) if first is not None else ""
    return [text] if text else []


def choose_title(
    declared: Sequence[tuple[str, str]], h1s: Sequence[str], site_names: Iterable[str]
) -> TitleChoice | None:
    """`declared` = (title, source) pairs in cascade order; `h1s` = visible h1 texts."""
    names = [n for n in site_names if n]
    # A declared "title" that is the site's name (a WebSite node's name, "Beige.de") names no
    # article; nor does an h1 that is the logo's text.
    # (Unless nothing else is left: some pages declare their headline as the site name too.)
    site_keys = {_norm(n) for n in names}
    articles = [(t, source) for t, source in declared if _norm(t) not in site_keys]
    headlines = [h1 for h1 in h1s if _norm(h1) not in site_keys]
    if articles or headlines:
        declared, h1s = articles, headlines
    # The most trusted declared title that an h1 repeats, whole or as its first part.
    for title, _ in declared:
        stripped = strip_affixes(title, names)
        chosen = next((h1 for h1 in h1s if matches(h1, stripped)), None)
        chosen = chosen or next((h1 for h1 in h1s if _is_part(h1, title)), None)
        if chosen is not None:
            return TitleChoice(_without_affix(chosen, stripped, names), "text")
    for index, (title, source) in enumerate(declared):
        stripped = strip_affixes(title, names)
        if len(stripped) >= _MIN_TITLE_CHARS:
            fuller = _untruncated(stripped, declared[index + 1 :], names)
            return fuller or TitleChoice(stripped, source)
    if h1s:
        return TitleChoice(h1s[0], "text")
    return None


def _without_affix(h1: str, stripped: str, names: Sequence[str]) -> str:
    """The stripped declared title when the h1 prints a site affix too: a known site name
    ("… | Umweltbundesamt") or a domain name ("… | FASSETTE.NET"). Other affixes in an h1
    are kept: they are often the part of the headline that `strip_affixes` takes for a
    site name ("Sazerac - Alles über …"), and the h1 says they belong to it."""
    head, key = _norm(h1), _norm(stripped)
    if head == key or len(key) < _MIN_TITLE_CHARS or key not in head:
        return h1
    for part in _parts(h1):
        if _norm(part) == key:
            continue
        if _DOMAIN_RE.fullmatch(part.strip()) or any(_norm(part) == _norm(n) for n in names):
            return stripped
    return h1


# A site's domain name printed as a title part: "FASSETTE.NET", "example.co.uk".
_DOMAIN_RE = re.compile(r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}", re.I)
# Quotes a truncated attribute value stops before: content="… Biden de "incapacitado"",
# with the closing quote that shows it is a quotation ("« SPREEBLICK" is a separator).
_QUOTE_PAIRS = {'"': '"', "“": "”", "„": "“”", "«": "»", "'": "'"}


def _untruncated(
    title: str, later: Sequence[tuple[str, str]], names: Sequence[str]
) -> TitleChoice | None:
    """A later declared title that goes on where `title` stops at a quote: a page that
    writes og:title with an unescaped quote in it cuts the value there, and its <title>
    keeps the whole headline."""
    for other, source in later:
        fuller = strip_affixes(other, names)
        rest = fuller[len(title) :].lstrip()
        closers = _QUOTE_PAIRS.get(rest[:1], "")
        quoted = bool(closers) and any(c in rest[1:] for c in closers)
        if len(fuller) > len(title) and fuller.startswith(title) and quoted:
            return TitleChoice(fuller, source)
    return None


def _is_part(h1: str, title: str) -> bool:
    """ "Bielersee-Winterhechte" opens "Bielersee-Winterhechte | petri-heil.ch | Dein
    Schweizer Fischereimagazin": the h1 says that the first part is the headline, though
    it is not the longest. (A later part is the site's name more often than not.)"""
    parts = _parts(title)
    key = _norm(h1)
    return len(parts) >= 2 and len(key) >= _MIN_TITLE_CHARS and _norm(parts[0]) == key


def matches(a: str, b: str) -> bool:
    """Approximately the same headline: one contains the other, or token F1 is high."""
    na, nb = _norm(a), _norm(b)
    if not na or not nb:
        return False
    if na == nb or (len(na) > 10 and na in nb) or (len(nb) > 10 and nb in na):
        return True
    ta, tb = _WORD_RE.findall(na), _WORD_RE.findall(nb)
    common = len(set(ta) & set(tb))
    return bool(ta and tb) and 2 * common / (len(set(ta)) + len(set(tb))) >= rules.TITLE_MATCH_F1


def strip_affixes(title: str, site_names: Sequence[str] = ()) -> str:
    """Remove a site name (known, or guessed from separators) before or after the headline."""
    title = " ".join(title.split())
    for name in site_names:
        trimmed = _strip_known(title, name)
        if trimmed != title:
            return trimmed
    return _strip_by_separator(title)


def site_name_affix(title: str, headline: str) -> str | None:
    """The site name a <title> adds to the headline: "Headline - Example Daily" ->
    "Example Daily" (the last part when the headline opens the title, the first when it
    ends it); None when the title has no such short affix."""
    title = " ".join(title.split())
    parts = [p.strip() for p in _parts(title)]
    if not headline:
        return None
    if len(parts) < 2:
        return _glued_affix(title, " ".join(headline.split()))
    head = _norm(headline)
    if _norm(parts[0]) == head:
        affix = parts[-1]
    elif _norm(parts[-1]) == head:
        affix = parts[0]
    else:
        return None
    return affix if len(affix.split()) <= _MAX_AFFIX_WORDS else None


def _glued_affix(title: str, headline: str) -> str | None:
    """ "Headline-Xinhua": a site name glued to the headline by a hyphen, which splits
    nothing else ("Covid-19"); read only when the rest of the title is the headline."""
    if not title.startswith(headline):
        return None
    match = rules.GLUED_SITE_AFFIX_RE.match(title[len(headline) :])
    if match is None or len(match.group("name").split()) > _MAX_AFFIX_WORDS:
        return None
    return match.group("name")


def _strip_known(title: str, name: str) -> str:
    """Cut `name` when it is a whole separator-delimited part at either end of the title."""
    parts = rules.TITLE_SEPARATOR_RE.split(title)
    if len(parts) < 2:
        return title
    key = _norm(name)
    if _norm(parts[-1]) == key:
        return title[: _last_separator(title).start()].strip()
    if _norm(parts[0]) == key:
        return title[_first_separator(title).end() :].strip()
    return title


def _first_separator(title: str) -> re.Match[str]:
    match = rules.TITLE_SEPARATOR_RE.search(title)
    assert match is not None  # callers split the title on it first
    return match


def _last_separator(title: str) -> re.Match[str]:
    return list(rules.TITLE_SEPARATOR_RE.finditer(title))[-1]


def _parts(title: str) -> list[str]:
    """The non-blank parts of a title between its separators ("Headline | Site")."""
    return [p for p in rules.TITLE_SEPARATOR_RE.split(title) if p and p.strip()]


def _strip_by_separator(title: str) -> str:
    """ "Headline | Section | Site" -> "Headline": the longest part, when the others are short."""
    parts = _parts(title)
    if len(parts) < 2:
        return title
    longest = max(parts, key=len)
    others = [p for p in parts if p is not longest]
    if all(len(p.split()) <= _MAX_AFFIX_WORDS and len(p) < len(longest) for p in others):
        return longest.strip()
    return title


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())
