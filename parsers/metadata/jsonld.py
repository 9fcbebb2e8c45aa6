"""JSON-LD: `<script type="application/ld+json">` blocks -> `Found`.

Tolerant of what sites really publish: several blocks, `@graph`, top-level arrays, nested and
listed authors, authors given only as an `@id` reference, and broken JSON (HTML comments or
CDATA around the object, raw control characters, trailing commas, several objects in a row).
Nodes are read in the order of `rules.ARTICLE_TYPES`; a field missing in the best node is taken
from the next one (fill-if-empty).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from typing import Any

import lxml.html
from lxml import etree

from parsers.metadata import rules
from parsers.metadata.found import Found, text_of

logger = logging.getLogger(__name__)

_SCRIPTS = etree.XPath("//script[contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json')]/text()")
_COMMENT_RE = re.compile(r"<!--|-->|<!\[CDATA\[|\]\]>|^\s*//.*$", re.MULTILINE)
_TRAILING_COMMA_RE = re.compile(r",\s*([}\]])")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_DECODER = json.JSONDecoder(strict=False)  # strict=False: raw newlines/tabs inside strings


def read_jsonld(doc: lxml.html.HtmlElement) -> Found:
    nodes = [node for raw in _SCRIPTS(doc) for node in _walk(_loads(str(raw)))]
    by_id = {str(n["@id"]): n for n in nodes if isinstance(n.get("@id"), str)}
    found = Found()
    for node in sorted((n for n in nodes if _rank(n) is not None), key=_rank_key):
        _fill_from_article(found, node, by_id)
    for node in nodes:
        if _types(node) & {"website", "organization", "newsmediaorganization"}:
            _add(found.site_name, node.get("name"))
    return found


def _loads(raw: str) -> list[Any]:
    """Every JSON value in one script text; [] when nothing can be read."""
    text = _CONTROL_RE.sub(" ", _COMMENT_RE.sub("", raw)).strip().rstrip(";")
    values = _decode_all(text)
    if not values:
        values = _decode_all(_TRAILING_COMMA_RE.sub(r"\1", text))
    if not values and text:
        logger.debug("Unreadable JSON-LD block (%d chars)", len(text))
    return values


def _decode_all(text: str) -> list[Any]:
    values: list[Any] = []
    pos = 0
    while pos < len(text):
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text):
            break
        try:
            value, pos = _DECODER.raw_decode(text, pos)
        except json.JSONDecodeError:
            return values if values else []
        values.append(value)
    return values


def _walk(value: Any) -> Iterator[dict[str, Any]]:
    """Every object in a JSON value that has an @type, @graph members included."""
    if isinstance(value, list):
        for item in value:
            yield from _walk(item)
    elif isinstance(value, dict):
        if "@type" in value:
            yield value
        graph = value.get("@graph")
        if graph is not None:
            yield from _walk(graph)
        main = value.get("mainEntity")
        if isinstance(main, dict) and "@type" in main:
            yield main


def _types(node: dict[str, Any]) -> set[str]:
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {str(v).casefold().rsplit("/", 1)[-1] for v in values if isinstance(v, str)}


def _rank(node: dict[str, Any]) -> int | None:
    ranks = [rules.ARTICLE_TYPES.index(t) for t in _types(node) if t in rules.ARTICLE_TYPES]
    return min(ranks) if ranks else None


def _rank_key(node: dict[str, Any]) -> int:
    rank = _rank(node)
    return rank if rank is not None else len(rules.ARTICLE_TYPES)


def _fill_from_article(found: Found, node: dict[str, Any], by_id: dict[str, Any]) -> None:
    is_page = bool(_types(node) & {"webpage", "itempage"})
    _add(found.titles, node.get("headline"))
    if not is_page:
        _add(found.titles, node.get("name"))
    for author in _as_list(node.get("author")) + _as_list(node.get("creator")):
        name = _person_name(author, by_id)
        _add(found.authors, name)
        if _is_person(author, by_id):
            _add(found.persons, name)
    for key in ("datePublished", "dateCreated", "uploadDate"):
        _add_date(found.published, node.get(key))
    _add_date(found.modified, node.get("dateModified"))
    _add_all(found.section, node.get("articleSection"))
    _add_keywords(found.tags, node.get("keywords"))
    _add(found.description, node.get("description"))
    body = node.get("articleBody")
    if isinstance(body, str) and body.strip():
        found.bodies.append(body)
    _add(found.language, node.get("inLanguage"))
    _add(found.canonical_url, _url_of(node.get("mainEntityOfPage")) or node.get("url"))
    publisher = _resolve(node.get("publisher"), by_id)
    if isinstance(publisher, dict):
        _add(found.site_name, publisher.get("name"))
    _add(
        found.source,
        (node.get("sourceOrganization") or {}).get("name")
        if isinstance(node.get("sourceOrganization"), dict)
        else None,
    )


def _person_name(value: Any, by_id: dict[str, Any]) -> str:
    value = _resolve(value, by_id)
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, list):
            name = " ".join(text_of(n) for n in name)
        if not name and (value.get("givenName") or value.get("familyName")):
            name = f"{text_of(value.get('givenName'))} {text_of(value.get('familyName'))}"
        return _full_name(text_of(name), text_of(value.get("description")))
    return text_of(value)


def _full_name(name: str, description: str) -> str:
    """A first name alone ("Nils") takes the surname its profile opens with ("Nils Muster ist
    freier Autor"): author boxes show the first name, the description the full one."""
    if not name or " " in name or not description.startswith(name + " "):
        return name
    surname = rules.SURNAME_AFTER_NAME_RE.match(description, len(name))
    if surname is None or surname.group(1).casefold() in rules.AUTHOR_ROLE_WORDS:
        return name  # "Nils Autor und Journalist": a role, not a surname
    return f"{name} {surname.group(1)}"


def _is_person(value: Any, by_id: dict[str, Any]) -> bool:
    value = _resolve(value, by_id)
    return isinstance(value, dict) and "person" in _types(value)


def _resolve(value: Any, by_id: dict[str, Any]) -> Any:
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and "@id" in value:
        return by_id.get(str(value["@id"]), value)
    if isinstance(value, list) and value:
        return _resolve(value[0], by_id)
    return value


def _url_of(value: Any) -> str | None:
    if isinstance(value, dict):
        url = value.get("@id") or value.get("url")
        return url if isinstance(url, str) else None
    return value if isinstance(value, str) else None


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _add(target: list[str], value: Any) -> None:
    text = text_of(value)
    if text and text not in target:
        target.append(text)


def _add_all(target: list[str], value: Any) -> None:
    for item in _as_list(value):
        _add(target, item)


def _add_date(target: list[object], value: Any) -> None:
    if isinstance(value, str | int | float) and not isinstance(value, bool) and value != "":
        target.append(value)


def _add_keywords(target: list[str], value: Any) -> None:
    for item in _as_list(value):
        if isinstance(item, str):
            for word in re.split(r"[,;、，]", item):
                _add(target, word)
