"""Filter lists (parsers.filterlists) through `extract`: removed, recorded, scoped by site."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import lxml.html
import pytest

from parsers import ExtractOptions, extract, filterlists

FIXTURE = Path(__file__).parent / "fixtures" / "cookie-filters.txt"
OPTIONS = ExtractOptions(filter_lists=(str(FIXTURE),))

STORY = " ".join(
    f"Sentence {i} of the council's report on the new tram line is long enough to count."
    for i in range(12)
)
PAGE = f"""<html><head><title>Tram line approved</title></head><body>
<div class="my-cookie-bar">Bar: we care about your privacy <a href="/ok">OK</a></div>
<div id="gdpr-box">Box: your data choices <button>Fine</button></div>
<div class="consent-layer">Layer: choose your settings <button>Save</button></div>
<app-cookie-notice>Notice: tracking preferences</app-cookie-notice>
<div data-cookie-banner="1">Banner: personalised ads <a href="/more">More</a></div>
<div class="privacy-toast">Toast: we remember your visit</div>
<div class="bad-selector">Badly selected: this stays</div>
<article><h1>Tram line approved</h1><p>{STORY}</p></article>
<footer><p class="cookie-strip">Strip: analytics settings</p><p>Contact us</p></footer>
</body></html>"""


def removed(url: str, options: ExtractOptions = OPTIONS) -> dict[str, str]:
    """What `extract` removed: the first word of each text ("Bar:", ...) -> its kind."""
    article = extract(PAGE, url, options=options)
    assert STORY in article.text
    return {r.text.split()[0]: r.kind for r in article.boilerplate_removed}


def hidden(url: str) -> list[str]:
    """The labels of the elements the fixture list hides on PAGE at `url`."""
    doc = lxml.html.fromstring(PAGE)
    return [
        el.text_content().split()[0]
        for el in filterlists.hidden_elements(doc, url, OPTIONS.filter_lists)
    ]


def test_generic_rules() -> None:
    assert hidden("https://news.example/story") == [
        "Bar:",
        "Box:",
        "Notice:",
        "Banner:",
        "Toast:",
        "Strip:",
    ]


def test_matches_are_removed_and_recorded_as_consent() -> None:
    found = removed("https://news.example/story")
    # Bar, Box and Layer are caught by the built-in consent rules too; these are not.
    for label in ("Notice:", "Banner:", "Toast:", "Strip:"):
        assert found.get(label) == "consent", label
    assert "Badly" not in found  # its selector is broken


def test_site_rules_apply_on_the_site_and_its_subdomains_only() -> None:
    assert "Layer:" in hidden("https://example.org/a")
    assert "Layer:" in hidden("https://www.example.org/a")
    assert "Layer:" not in hidden("https://example.com/a")
    assert "Layer:" not in hidden("https://notexample.org/a")


def test_exceptions() -> None:
    assert "Bar:" not in hidden("https://example.org/a")  # example.org#@#.my-cookie-bar
    assert "Toast:" not in hidden("https://shop.example.com/a")  # ~shop.example.com##
    assert "Toast:" in hidden("https://www.example.com/a")
    assert hidden("https://nogeneric.example/a") == []  # $generichide


def test_a_page_without_a_host_gets_the_generic_rules() -> None:
    assert hidden("") == hidden("file:///tmp/page.html") == hidden("https://news.example/")


def test_a_broken_selector_is_skipped_with_one_debug_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    filterlists._rule.cache_clear()
    with caplog.at_level(logging.DEBUG, logger="parsers.filterlists"):
        removed("https://news.example/a")
        removed("https://news.example/b")
    skipped = [r for r in caplog.records if "bad-selector" in r.getMessage()]
    assert len(skipped) == 1 and skipped[0].levelno == logging.DEBUG


def test_without_the_option_nothing_changes() -> None:
    filterlists._engine.cache_clear()
    plain = extract(PAGE, "https://news.example/story")
    assert (
        plain.to_dict()
        == extract(PAGE, "https://news.example/story", options=ExtractOptions()).to_dict()
    )
    assert not {"Notice:", "Banner:", "Toast:"} & {
        r.text.split()[0] for r in plain.boilerplate_removed
    }
    assert filterlists._engine.cache_info().currsize == 0  # no engine built


def test_an_unreadable_list_is_left_out(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    missing = ExtractOptions(filter_lists=(str(tmp_path / "missing.txt"),))
    with caplog.at_level(logging.WARNING, logger="parsers.filterlists"):
        article = extract(PAGE, "https://news.example/a", options=missing)
    assert STORY in article.text
    assert any("missing.txt" in r.getMessage() for r in caplog.records)
    both = ExtractOptions(filter_lists=(str(tmp_path / "missing.txt"), str(FIXTURE)))
    assert removed("https://news.example/a", both).get("Box:") == "consent"


def test_a_changed_list_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("##.first\n", encoding="utf-8")
    doc = lxml.html.fromstring('<div><p class="first">1</p><p class="second">2</p></div>')
    assert [e.get("class") for e in filterlists.hidden_elements(doc, "", [str(path)])] == ["first"]
    path.write_text("##.second\n", encoding="utf-8")
    os.utime(path, ns=(0, 10**18))  # a different mtime even on a coarse clock
    assert [e.get("class") for e in filterlists.hidden_elements(doc, "", [str(path)])] == ["second"]


def test_outermost_matches_in_document_order(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("##.inner\n##.outer\n###late\n##[data-x]\n", encoding="utf-8")
    doc = lxml.html.fromstring(
        '<body><div id="late"></div><div class="outer"><p class="inner">x</p></div>'
        '<div><span data-x="1"></span></div></body>'
    )
    hidden = filterlists.hidden_elements(doc, "https://a.example/", [str(path)])
    assert [e.get("id") or e.get("class") or e.tag for e in hidden] == ["late", "outer", "span"]


def test_never_the_body_or_the_article(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("##body\n##.wrap\n##.cookie-open\n", encoding="utf-8")
    page = (
        '<html><body class="cookie-open"><div class="wrap">'
        f"<article><p>{STORY}</p></article></div></body></html>"
    )
    article = extract(page, "https://a.example/", options=ExtractOptions(filter_lists=(str(path),)))
    assert STORY in article.text


def test_the_engine_is_built_once() -> None:
    filterlists._engine.cache_clear()
    for _ in range(3):
        removed("https://news.example/a")
    info = filterlists._engine.cache_info()
    assert info.misses == 1 and info.hits >= 2


def test_options_stay_hashable() -> None:
    assert hash(OPTIONS) == hash(ExtractOptions(filter_lists=(str(FIXTURE),)))
