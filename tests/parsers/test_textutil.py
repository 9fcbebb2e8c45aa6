"""parsers.textutil: the lazy text axes give exactly what their XPath gives; a literal
alternation built as a trie matches exactly its words."""

from __future__ import annotations

import re
from itertools import islice
from typing import Any

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from parsers.textutil import literal_alternation, texts_after, texts_before

_VISIBLE = "text()[normalize-space()][not(parent::script or parent::style)]"
_FOLLOWING = etree.XPath(f"following::{_VISIBLE}")
_PRECEDING = etree.XPath(f"preceding::{_VISIBLE}")


def _holder(text: Any) -> Any:
    parent = text.getparent()
    return parent.getparent() if text.is_tail else parent


def _by_xpath(el: Any) -> tuple[list[tuple[str, Any]], list[tuple[str, Any]]]:
    after = [(str(t), _holder(t)) for t in _FOLLOWING(el)]
    before = [(str(t), _holder(t)) for t in reversed(_PRECEDING(el))]
    return after, before


def test_texts_after_and_before_a_headline() -> None:
    doc = lxml.html.fromstring(
        "<html><body><div>Home <a>News</a><!-- ad -->Top\n<h1>Title <b>bold</b></h1>"
        "<p> \u00a0</p><p>By <a>Ann Lee</a>, 4 May 2024</p> \n<script>var x=1;</script>tail"
        "</div><footer>Contact</footer></body></html>"
    )
    h1 = doc.find(".//h1")
    after = [text for text, _ in texts_after(h1)]
    before = [text for text, _ in texts_before(h1)]
    # a no-break space is text to XPath; script text is not; the comment's tail is
    assert after == [" \u00a0", "By ", "Ann Lee", ", 4 May 2024", "tail", "Contact"]
    assert before == ["Top\n", "News", "Home "]
    assert (list(texts_after(h1)), list(texts_before(h1))) == _by_xpath(h1)


def test_texts_after_is_lazy() -> None:
    doc = lxml.html.fromstring("<html><body><h1>T</h1>" + "<p>x</p>" * 50_000 + "</body></html>")
    first = next(texts_after(doc.find(".//h1")))
    assert first[0] == "x" and first[1].tag == "p"


_TAGS = st.sampled_from(["div", "p", "a", "span", "script", "style", "h1", "b"])
_TEXTS = st.sampled_from(["", " ", "\n", "\u00a0", "a", "b c", " d "])


@st.composite
def _trees(draw: Any, depth: int = 0) -> str:
    parts = [draw(_TEXTS)]
    for _ in range(draw(st.integers(0, 3 if depth < 4 else 0))):
        if draw(st.booleans()):
            parts.append(f"<!--{draw(_TEXTS)}-->")
        else:
            tag = draw(_TAGS)
            parts.append(f"<{tag}>{draw(_trees(depth + 1))}</{tag}>")
        parts.append(draw(_TEXTS))
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(_trees())
def test_the_axes_match_xpath_on_any_tree(markup: str) -> None:
    doc = lxml.html.fromstring(f"<html><body><div>{markup}</div></body></html>")
    for el in doc.iter(etree.Element):
        assert (list(texts_after(el)), list(texts_before(el))) == _by_xpath(el)
        assert list(islice(texts_before(el), 3)) == _by_xpath(el)[1][:3]


_WORDS = st.lists(st.text(alphabet="ab(c).© 文", min_size=1, max_size=5), min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(_WORDS, st.text(alphabet="ab(c).© 文x", max_size=30))
def test_a_literal_alternation_finds_exactly_its_words(words: list[str], text: str) -> None:
    pattern = re.compile(literal_alternation(words))
    assert (pattern.search(text) is not None) == any(word in text for word in words)
    for word in words:
        assert pattern.fullmatch(word)
    # where several words start, the longest is matched
    prefixes = [word for word in words if text.startswith(word)]
    match = pattern.match(text)
    assert (match.group(0) if match else None) == max(prefixes, key=len, default=None)


def test_a_literal_alternation_refuses_an_empty_word() -> None:
    with pytest.raises(ValueError):
        literal_alternation(["a", ""])
