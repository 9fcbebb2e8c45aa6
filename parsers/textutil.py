"""Small helpers over lxml elements shared by the body stages."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import Any

# Elements that start a new line of text. `br` is handled apart.
BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "body",
        "html",
        "caption",
    }
)

# Marks a line break from markup (<br>, block edges); newlines in the source are spaces.
LINE_BREAK = "\u2028"
_LINE_TAGS = BLOCK_TAGS | {"br"}

# Invisible format characters that split words for machines but not for readers: soft
# hyphens (hyphenation hints, "Mit\u00adtel\u00adal\u00adter"), zero-width spaces, word
# joiners and stray BOMs. ZWJ/ZWNJ are kept: they change how scripts and emoji render.
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def collapse(text: str) -> str:
    """`text` on one line: whitespace runs as one space, invisible characters dropped.

    str.split() and the regex `\\s` agree on what is whitespace (str.isspace); splitting
    is about twice as fast as a substitution (this runs on every line of every page).
    """
    return " ".join(_INVISIBLE.sub("", text).split())


def drop_invisible(text: str) -> str:
    """`text` without soft hyphens, zero-width spaces, word joiners and stray BOMs."""
    return _INVISIBLE.sub("", text)


def literal_alternation(words: Iterable[str]) -> str:
    """A regex that matches any of `words` (literally), built as a trie: "a(?:pp|gree)".

    sre tries the branches of a plain alternation one after another at every position, so
    a hundred words cost about 160 ns a character; a trie branches once per character and
    is twice as fast. Where one word extends another, the longer is tried first."""
    trie: dict[str, Any] = {}
    for word in words:
        if not word:
            raise ValueError("an empty word would match everywhere")
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, Any]) -> str:
    branches = [
        re.escape(char) + _trie_pattern(rest) for char, rest in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    ends_here = "" in node
    if len(branches) == 1 and not ends_here:
        return branches[0]
    group = "(?:" + "|".join(branches) + ")"
    return group + "?" if ends_here else group


def tag_of(el: Any) -> str:
    """The tag name, or "" for comments and processing instructions."""
    tag = el.tag
    return tag if isinstance(tag, str) else ""


def text_owner(node: Any) -> Any | None:
    """The element whose line a text node (an XPath `text()` result) is part of: its parent
    for an element's text, the parent's parent for a tail; None when it has none."""
    el = node.getparent()
    if el is None or not node.is_tail:
        return el
    return el.getparent()


def text_lines(el: Any) -> list[str]:
    """The element's visible text, one line per block element or <br>, collapsed."""
    parts: list[str] = []
    _collect(el, parts)
    text = _INVISIBLE.sub("", "".join(parts))
    return [line for line in (" ".join(p.split()) for p in text.split(LINE_BREAK)) if line]


def _collect(el: Any, parts: list[str]) -> None:
    """Append the text under `el` to `parts`, LINE_BREAK around block elements and <br>.

    Runs on every element of every removed or serialized node: locals and no helper calls.
    """
    tag = el.tag
    newline = False
    if isinstance(tag, str):  # comments and processing instructions give only their tail
        newline = tag in _LINE_TAGS
        if newline:
            parts.append(LINE_BREAK)
        text = el.text
        if text:
            parts.append(text)
    for child in el:
        _collect(child, parts)
        tail = child.tail
        if tail:
            parts.append(tail)
    if newline:
        parts.append(LINE_BREAK)


def is_cjk(text: str) -> bool:
    """True when at least a third of the first 200 characters are CJK."""
    sample = text[:200]
    return bool(sample) and len(_CJK.findall(sample)) * 3 >= len(sample.replace(" ", ""))


# A BEM modifier on an element class ("Report__Section--Ads", "c-body__part--promo") says
# how that element varies (here: it has ad slots), not what it is: left out of names.
_BEM_MODIFIER = re.compile(r"(__[\w-]*?)--[\w-]+")


def marks(el: Any) -> str:
    """The element's class and id as written, lower-cased: for substring token tests."""
    return f"{el.get('class') or ''} {el.get('id') or ''}".lower()


def texts_except(el: Any, skip: Callable[[Any], bool]) -> Iterator[str]:
    """The texts under `el` in document order, without those of the child elements `skip`
    picks (their tails stay): hidden copies, kickers, tag links."""
    if el.text:
        yield el.text
    for child in el:
        if isinstance(child.tag, str) and not skip(child):
            yield from texts_except(child, skip)
        if child.tail:
            yield child.tail


def class_id(el: Any) -> str:
    """The element's class and id, lower-cased, BEM element modifiers left out."""
    return names_of(el.get("class"), el.get("id"))


def names_of(classes: str | None, ident: str | None) -> str:
    """`class_id` of an element's class and id attribute values."""
    names = f"{classes or ''} {ident or ''}".lower()
    return _BEM_MODIFIER.sub(r"\1", names) if "--" in names else names


def comparable(text: str) -> str:
    """`text` reduced for comparing headlines and names: NFKC, casefolded, letters and
    digits only ("Bridge reopens!" and "bridge  REOPENS" agree)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if ch.isalnum())


# What XPath's normalize-space() strips: a text node of only these is blank to it (a
# no-break space is text).
_XML_SPACE = " \t\r\n"
# Elements whose text is code, not something a reader sees.
CODE_TAGS = ("script", "style")


def texts_after(el: Any) -> Iterator[tuple[str, Any]]:
    """The visible text nodes after `el` (not inside it), nearest first, each with the
    element that holds it: XPath `following::text()[normalize-space()][not(parent::script
    or parent::style)]`, but lazy. The XPath walked the whole rest of the page when only
    the first few texts after a headline were wanted."""
    node = el
    while (parent := node.getparent()) is not None:
        yield from _shown(((node.tail, parent),))
        for sibling in node.itersiblings():
            yield from _shown(_texts_forward(sibling))
        node = parent


def texts_before(el: Any) -> Iterator[tuple[str, Any]]:
    """The visible text nodes before `el` (not in its ancestors' own text after it), nearest
    first, each with the element that holds it: XPath `preceding::text()[...]`, read in
    reverse document order, lazily."""
    node = el
    while (parent := node.getparent()) is not None:
        for sibling in node.itersiblings(preceding=True):
            yield from _shown(_texts_backward(sibling))
        yield from _shown(((parent.text, parent),))
        node = parent


def _shown(texts: Iterable[tuple[str | None, Any]]) -> Iterator[tuple[str, Any]]:
    for text, holder in texts:
        if text and text.strip(_XML_SPACE) and holder.tag not in CODE_TAGS:
            yield text, holder


def _texts_forward(el: Any) -> Iterator[tuple[str | None, Any]]:
    """(text, holder) of `el`'s text nodes in document order, its own tail last."""
    stack = [(el, True)]
    while stack:
        node, entering = stack.pop()
        if entering and isinstance(node.tag, str):
            yield node.text, node
            stack.append((node, False))
            stack.extend((child, True) for child in reversed(node))
        else:  # leaving an element, or a comment: only its tail is text
            yield node.tail, node.getparent()


def _texts_backward(el: Any) -> Iterator[tuple[str | None, Any]]:
    """(text, holder) of `el`'s text nodes in reverse document order, its own tail first."""
    stack = [(el, True)]
    while stack:
        node, entering = stack.pop()
        if entering:
            yield node.tail, node.getparent()
            if isinstance(node.tag, str):
                stack.append((node, False))
                stack.extend((child, True) for child in node)
        else:
            yield node.text, node
