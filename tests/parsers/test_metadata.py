"""The metadata cascade: each source, the order of trust, field_sources, site rules."""

from __future__ import annotations

import re
import time
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from parsers import extract, tree
from parsers.metadata import byline, extract_metadata, title
from parsers.options import DEFAULT_OPTIONS, ExtractOptions, SiteRules

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[2]


def _doc(html: str) -> lxml.html.HtmlElement:
    doc = tree.parse_html(html)
    assert doc is not None
    return doc


def _meta(html: str, url: str = "https://example.com/news/story", **kw: object):  # type: ignore[no-untyped-def]
    options = ExtractOptions(**kw) if kw else DEFAULT_OPTIONS  # type: ignore[arg-type]
    return extract_metadata(_doc(html), url, options)


def _page(head: str = "", body: str = "", lang: str = "") -> str:
    attr = f' lang="{lang}"' if lang else ""
    return f"<html{attr}><head>{head}</head><body>{body}</body></html>"


# --- acceptance fixtures ---------------------------------------------------------------------


def test_ichongqing_style_page() -> None:
    html = (FIXTURES / "meta_ichongqing.html").read_text("utf-8")
    url = "https://www.ichongqing.info/insights/2024/04/chongqing-germany-automotive.html"
    meta = _meta(html, url)
    assert meta.title == (
        "Chongqing and Germany May Enhance Automotive Sector with Industry Standards "
        "and Advanced Technologies"
    )
    assert meta.authors == ["Zhan Chen"]
    assert meta.published == "2024-04-20"
    assert meta.field_sources["authors"] == "byline"
    assert meta.field_sources["published"] == "byline"
    assert "By ZHAN CHEN|Apr 20,2024" in meta.byline_texts
    assert meta.canonical_url == url
    assert meta.language == "en"


@pytest.mark.parametrize(
    "path", ["crawler/sample_site/www/insights/2024/04/chongqing-germany-automotive.html"]
)
def test_sample_site_ichongqing_page(path: str) -> None:
    page = REPO / path
    if not page.exists():
        pytest.skip("the crawl demo's sample site is not built yet")
    meta = _meta(page.read_text("utf-8"), "http://localhost/insights/2024/04/x.html")
    assert meta.title is not None and meta.title.startswith("Chongqing and Germany May Enhance")
    assert not meta.title.endswith("Insights")
    assert meta.authors == ["Zhan Chen"]
    assert meta.published == "2024-04-20"


def test_chinese_byline_roles_stay_apart() -> None:
    html = (FIXTURES / "meta_chinese_byline.html").read_text("utf-8")
    meta = _meta(html, "https://news.example.cn/2024-04/18/c_1.htm")
    assert meta.source == "新华网"
    assert meta.editor == "李四"
    assert meta.authors == ["张三"]
    assert "新华网" not in meta.authors and "李四" not in meta.authors
    assert meta.title == "示例城市推进新能源汽车产业发展"
    assert meta.published == "2024-04-18"  # the meta date comes before the byline's
    assert meta.field_sources["published"] == "meta"
    assert meta.tags == ["新能源汽车", "产业发展", "示例城市"]
    assert any("来源：新华网" in line for line in meta.byline_texts)


@pytest.mark.parametrize(
    ("line", "authors", "source", "editor"),
    [
        ("来源：人民网 记者 赵六 钱七 编辑：孙八", ["赵六", "钱七"], "人民网", "孙八"),
        ("本文来源：中国新闻网 责编：周九", [], "中国新闻网", "周九"),
        ("文/王五", ["王五"], None, None),
        ("Source: Xinhua | Editor: Li Yan", [], "Xinhua", "Li Yan"),
        (
            "来源：人民网－人民日报 2024年04月18日06:14 | 作者：张三",
            ["张三"],
            "人民网－人民日报",
            None,
        ),
        ("新华社记者 才扬 摄", [], None, None),
        (
            "By Zhang Wei in Beijing | China Daily | Updated: 2024-04-18 09:30",
            ["Zhang Wei"],
            None,
            None,
        ),
    ],
)
def test_byline_roles(
    line: str, authors: list[str], source: str | None, editor: str | None
) -> None:
    meta = _meta(_page(body=f"<h1>标题</h1><div class='info'>{line}</div><p>正文。</p>"))
    assert meta.authors == authors
    assert meta.source == source
    assert meta.editor == editor


# --- each source of the cascade --------------------------------------------------------------


def test_jsonld_graph_with_references_and_broken_json() -> None:
    html = (FIXTURES / "meta_jsonld_graph.html").read_text("utf-8")
    meta = _meta(html, "https://example.de/lokales/bruecke?ref=x")
    assert meta.title == "Neue Brücke über den Fluss eröffnet"
    # the Organization equal to the site name is not an author; the visible byline loses
    assert meta.authors == ["Anna Muster", "Ben Beispiel"]
    assert meta.published == "2024-04-20T10:30:00+02:00"
    assert meta.modified == "2024-04-21T08:00:00+02:00"
    assert meta.section == "Lokales"
    assert meta.tags == ["Brücke", "Verkehr"]
    assert meta.site_name == "Beispielzeitung"
    assert meta.language == "de"
    for key in ("authors", "published", "modified", "section", "tags"):
        assert meta.field_sources[key] == "json-ld"


@pytest.mark.parametrize(
    "script",
    [
        '{"@type": "NewsArticle", "headline": "H", "author": {"name": "Jo Doe"},}',
        '{"@type": "NewsArticle",\n "headline": "H\tx", "author": "Jo Doe", "dateCreated": 1}',
        '[{"@type": "BlogPosting", "author": [{"@type": "Person", "name": "Jo Doe"}]}]',
        '{"@type": "Article", "author": {"givenName": "Jo", "familyName": "Doe"}}',
        '<![CDATA[{"@type": "ReportageNewsArticle", "author": {"name": ["Jo", "Doe"]}}]]>',
    ],
)
def test_jsonld_tolerates_real_world_shapes(script: str) -> None:
    head = f'<script type="application/ld+json">{script}</script>'
    meta = _meta(_page(head, "<p>x</p>"))
    assert meta.authors == ["Jo Doe"]
    assert meta.field_sources["authors"] == "json-ld"


def test_unreadable_jsonld_is_skipped() -> None:
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "author": </script>'
    head += '<meta name="author" content="Jo Doe">'
    meta = _meta(_page(head, "<p>x</p>"))
    assert meta.authors == ["Jo Doe"]
    assert meta.field_sources["authors"] == "meta"


def test_opengraph_article_properties() -> None:
    head = (
        '<meta property="og:title" content="A headline">'
        '<meta property="article:published_time" content="2024-04-20T10:30:00Z">'
        '<meta property="article:modified_time" content="2024-04-21">'
        '<meta property="article:section" content="World">'
        '<meta property="article:tag" content="one"><meta property="article:tag" content="two">'
        '<meta property="article:author" content="https://facebook.com/someone">'
        '<meta property="og:url" content="/world/a-headline">'
        '<meta property="og:locale" content="en_GB">'
        '<meta name="author" content="Jo Doe">'
    )
    meta = _meta(_page(head, "<p>x</p>"), "https://example.com/world/a-headline?utm=1")
    assert meta.title == "A headline"
    assert meta.published == "2024-04-20T10:30:00Z"
    assert meta.modified == "2024-04-21"
    assert meta.section == "World"
    assert meta.tags == ["one", "two"]
    assert meta.authors == ["Jo Doe"]  # the og author is a URL, so meta wins
    assert meta.canonical_url == "https://example.com/world/a-headline"
    assert meta.language == "en_GB"
    assert meta.field_sources["published"] == "opengraph"
    assert meta.field_sources["authors"] == "meta"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("citation_publication_date", "2024/04/20"),
        ("dc.date", "2024-04-20"),
        ("DC.date.issued", "2024-04-20"),
        ("parsely-pub-date", "2024-04-20T00:00:00Z"),
        ("sailthru.date", "Sat, 20 Apr 2024 10:30:00 +0000"),
        ("pubdate", "20240420"),
        ("publishdate", "2024-04-20 09:30:00"),
    ],
)
def test_meta_date_names(name: str, value: str) -> None:
    meta = _meta(_page(f'<meta name="{name}" content="{value}">', "<p>x</p>"))
    assert meta.published is not None and meta.published.startswith("2024-04-20")
    assert meta.field_sources["published"] == "meta"


def test_microdata() -> None:
    body = (
        '<article itemscope itemtype="https://schema.org/NewsArticle">'
        '<h1 itemprop="headline">Micro headline</h1>'
        '<span itemprop="author" itemscope><span itemprop="name">Jo Doe</span></span>'
        '<time itemprop="datePublished" datetime="2024-04-20">April 20</time>'
        "<p>Text.</p></article>"
    )
    meta = _meta(_page(body=body))
    assert meta.title == "Micro headline"
    assert meta.authors == ["Jo Doe"]
    assert meta.published == "2024-04-20"
    assert meta.field_sources["authors"] == "microdata"
    assert meta.field_sources["published"] == "microdata"


def test_time_element_and_text_and_url_dates() -> None:
    timed = _meta(_page(body='<h1>T</h1><time datetime="2024-04-20T10:30">x</time><p>a</p>'))
    assert (timed.published, timed.field_sources["published"]) == (
        "2024-04-20T10:30:00",
        "time-element",
    )
    text = _meta(_page(body="<h1>T</h1><p>20. April 2024</p><p>Body text.</p>"))
    assert (text.published, text.field_sources["published"]) == ("2024-04-20", "text")
    url = _meta(_page(body="<h1>T</h1><p>a</p>"), "https://example.com/2024/04/20/story")
    assert (url.published, url.field_sources["published"]) == ("2024-04-20", "url")


def _dated_page(declared: str) -> str:
    head = f'<meta property="article:published_time" content="{declared}">'
    body = "<h1>Headline</h1><p class='byline'>By Ann Lee, 19.10.2019, 00:04</p><p>Text.</p>"
    return _page(head, body)


def test_visible_date_beats_a_utc_declared_date() -> None:
    """22:04 UTC on the 18th is past midnight on the 19th where the page is read."""
    meta = _meta(_dated_page("2019-10-18T22:04:00Z"))
    assert (meta.published, meta.field_sources["published"]) == ("2019-10-19T00:04:00", "byline")


def test_declared_date_with_a_local_offset_stays() -> None:
    meta = _meta(_dated_page("2019-10-18T22:04:00+02:00"))
    assert (meta.published, meta.field_sources["published"]) == (
        "2019-10-18T22:04:00+02:00",
        "opengraph",
    )


@pytest.mark.parametrize(
    "body",
    [
        "<h2>T</h2><p>Veröffentlicht am 16.08.2019</p><p>Text.</p>",
        '<h2>T</h2><div><i class="fa fa-calendar"></i> 16.08.2019</div><p>Text.</p>',
    ],
)
def test_visible_datelines_without_a_headline(body: str) -> None:
    meta = _meta(_page(body=body))
    assert (meta.published, meta.field_sources["published"]) == ("2019-08-16", "byline")


def test_english_bylines() -> None:
    two = _meta(_page(body="<h1>T</h1><p>By John Smith and Mary Jones, Staff Writers</p>"))
    assert two.authors == ["John Smith", "Mary Jones"]
    split = _meta(_page(body='<h1>T</h1><div><span>By</span><a href="/a">Alex Doe</a></div>'))
    assert split.authors == ["Alex Doe"]
    german = _meta(
        _page(body='<h1>T</h1><div class="author">Von Anna Muster und Ben Beispiel</div>')
    )
    assert german.authors == ["Anna Muster", "Ben Beispiel"]


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Posted by Ann Lee", ["Ann Lee"]),
        ("Von: Max Muster", ["Max Muster"]),
        ("Text von Lea Beispiel Illustration von Tom Zeichner", ["Lea Beispiel"]),
        ("Auteur : Jean Dupont", ["Jean Dupont"]),
    ],
)
def test_byline_lead_words(line: str, authors: list[str]) -> None:
    assert _meta(_page(body=f"<h1>T</h1><p><em>{line}</em></p><p>Body.</p>")).authors == authors


def test_wide_indentation_keeps_the_byline_scan_linear() -> None:
    """Whitespace-only text nodes between tags cost one cheap test each, not a regex backtrack
    over their width (it was quadratic: ~50 ms per 700-space node)."""
    indent = "\n" + " " * 1900
    filler = indent.join("<div><span>x</span></div>" for _ in range(300))
    body = f"<h1>T</h1>{indent}<p><span>| By </span><span>Ann Lee</span></p>{filler}"
    body += "<p> Source: Example Wire</p>"  # a role label: every text node is tested in full
    started = time.process_time()
    meta = _meta(_page(body=body))
    assert meta.authors == ["Ann Lee"]
    assert time.process_time() - started < 2.0  # ~0.02 s; the quadratic backtrack took ~90 s


def test_date_before_the_name_in_an_author_line() -> None:
    body = '<h1>T</h1><div class="post-author">Posted on May 2, 2024 by Ann Lee</div>'
    assert _meta(_page(body=body)).authors == ["Ann Lee"]


def test_headline_opening_with_von_is_no_byline() -> None:
    body = "<h1>Von Regeln und Ausnahmen</h1><p class='meta'>Autor: Max Muster</p>"
    assert _meta(_page(body=body)).authors == ["Max Muster"]


def test_layout_wrappers_are_not_chrome() -> None:
    """A wrapper named after the layout ("has-sidebar") holds the article, not a sidebar."""
    body = (
        '<div class="content-area has-sidebar"><div class="with-navigation">'
        '<h1>T</h1><span class="author vcard"><a class="url fn n">Ann Lee</a></span><p>x</p>'
        '</div></div><div class="sidebar"><span class="author">Side Bar</span></div>'
    )
    assert _meta(_page(body=body)).authors == ["Ann Lee"]


def test_article_footer_byline_counts_but_site_footer_does_not() -> None:
    article = (
        "<article><h1>T</h1><p>Text.</p><footer class='entry-footer'>"
        "<span class='byline'>Posted by Ann Lee</span></footer></article>"
    )
    assert _meta(_page(body=article)).authors == ["Ann Lee"]
    site = "<h1>T</h1><p>Text.</p><footer><span class='byline'>By Site Owner</span></footer>"
    assert _meta(_page(body=site)).authors == []


def test_byline_in_the_margins_names_the_author_when_nothing_else_does() -> None:
    """Themes put the only byline in an aside or an author box; comments stay out."""
    body = (
        "<h1>T</h1><div class='comments'><p class='author'>By Commenter Name</p></div>"
        "<aside class='meta'><p class='authors'>Von: <a class='author-name'>Ann Lee</a></p>"
        "</aside><p>Text.</p>"
    )
    meta = _meta(_page(body=body))
    assert meta.authors == ["Ann Lee"]
    assert meta.field_sources["authors"] == "byline"


def test_byline_in_the_content_outranks_one_in_the_margins() -> None:
    body = (
        "<div class='sidebar'><div class='authorbox'>von Side Person</div></div>"
        "<h1>T</h1><p class='byline'>By Ann Lee</p><p>Text.</p>"
    )
    assert _meta(_page(body=body)).authors == ["Ann Lee"]


def test_margin_byline_gives_no_date() -> None:
    """A margin line's date may belong to another story: only its names count."""
    body = "<h1>T</h1><aside><div class='author'>von Ann Lee 18.10.2019</div></aside><p>x</p>"
    meta = _meta(_page(body=body))
    assert meta.authors == ["Ann Lee"]
    assert meta.field_sources.get("published") != "byline"


def test_seo_plugin_twitter_label_names_the_author() -> None:
    head = (
        '<meta name="twitter:label1" content="Verfasst von">'
        '<meta name="twitter:data1" content="Karla Muster">'
        '<meta name="twitter:label2" content="Geschätzte Lesezeit">'
        '<meta name="twitter:data2" content="3 Minuten">'
    )
    meta = _meta(_page(head=head, body="<h1>T</h1><p>x</p>"))
    assert meta.authors == ["Karla Muster"]
    assert meta.field_sources["authors"] == "meta"


def test_author_meta_tag_outranks_the_twitter_label() -> None:
    head = (
        '<meta name="author" content="Ann Lee">'
        '<meta name="twitter:label1" content="Written by">'
        '<meta name="twitter:data1" content="admin">'
    )
    assert _meta(_page(head=head, body="<h1>T</h1>")).authors == ["Ann Lee"]


def test_recipe_json_ld_names_its_author() -> None:
    script = '{"@type": "Recipe", "name": "Cake", "author": {"@type": "Person", "name": "Ann Lee"}}'
    head = f'<script type="application/ld+json">{script}</script>'
    assert _meta(_page(head=head, body="<h1>Cake</h1>")).authors == ["Ann Lee"]


def test_first_name_alone_takes_the_full_name_another_source_gives() -> None:
    script = '{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Todd"}}'
    head = f'<script type="application/ld+json">{script}</script>'
    body = "<h1>T</h1><p class='byline'>By Todd Muster</p><p>x</p>"
    meta = _meta(_page(head=head, body=body))
    assert meta.authors == ["Todd Muster"]
    assert meta.field_sources["authors"] == "json-ld"


@pytest.mark.parametrize(
    ("dateline", "authors"),
    [
        ("04.02.2022 | 13:10 Uhr | Uta Muster", ["Uta Muster"]),
        ("25.10.2022 - Reiner Muster", ["Reiner Muster"]),
        ("06.11.2023 13:30 von Olga", ["Olga"]),
        ("12. Mai 2020 - Berlin", []),  # one bare word after a dash may be a place
        ("12. Mai 2020 | Lesezeit 3 Minuten", []),
    ],
)
def test_name_in_the_dateline_under_the_headline(dateline: str, authors: list[str]) -> None:
    body = f"<h1>Headline</h1><small>{dateline}</small><p>{'Text. ' * 30}</p>"
    meta = _meta(_page(body=body))
    assert meta.authors == authors
    assert meta.published is not None
    if authors:
        assert meta.field_sources["authors"] == "text"


def test_byline_bar_with_share_buttons_is_the_byline() -> None:
    """ "author_share": the byline and the share buttons in one bar, dates included."""
    body = (
        "<div class='article_title'>T</div><div class='author_share'>"
        "<span class='byline'>By Chen Qing and Ma Jing</span>"
        "<span class='pub_time'>Published: Apr 20, 2024 10:30 PM</span></div><p>x</p>"
        "<div class='share-box'><span class='author'>By Share Widget</span></div>"
    )
    meta = _meta(_page(body=body))
    assert meta.authors == ["Chen Qing", "Ma Jing"]
    assert meta.published is not None and meta.published.startswith("2024-04-20")


def test_site_name_falls_back_to_the_title_affix() -> None:
    head = "<title>Economy grows - Example Daily</title>"
    meta = _meta(_page(head=head, body="<h1>Economy grows</h1><p>x</p>"))
    assert meta.site_name == "Example Daily"
    assert meta.field_sources["site_name"] == "title-element"
    declared = '<meta property="og:site_name" content="Example">'
    assert _meta(_page(head=head + declared, body="<h1>Economy grows</h1>")).site_name == "Example"


def test_logo_h1_linking_home_is_not_the_headline() -> None:
    head = "<title>Four Years » Blog Archive » Interning of Small Integers</title>"
    body = "<h1><a href='https://example.com/'>Four Years</a></h1><h2>x</h2><p>Text.</p>"
    assert _meta(_page(head=head, body=body)).title == "Interning of Small Integers"


def test_h1_naming_the_first_part_of_the_title_is_the_headline() -> None:
    """Not the longest part: "Dein Schweizer Fischereimagazin" is the site's slogan."""
    head = "<title>Winterhechte | fisch.example | Dein Schweizer Fischereimagazin</title>"
    body = "<h1>Winterhechte</h1><p>Text.</p>"
    assert _meta(_page(head=head, body=body)).title == "Winterhechte"


def test_site_name_h1_and_declared_site_name_are_not_the_title() -> None:
    head = (
        '<meta property="og:site_name" content="Beige.de"><meta name="title" content="Beige.de">'
        "<title>Provence Travel Guide — Beige</title>"
    )
    body = "<h1>Beige.de</h1><h1>Provence Travel Guide</h1><p>Text.</p>"
    assert _meta(_page(head=head, body=body)).title == "Provence Travel Guide"


def test_most_trusted_declared_title_picks_among_the_h1s() -> None:
    head = (
        '<meta property="og:title" content="Auf das erste Elektron kommt es an">'
        "<title>News - Example</title>"
    )
    body = "<h1>News</h1><h1>Auf das erste Elektron kommt es an</h1><p>Text.</p>"
    assert _meta(_page(head=head, body=body)).title == "Auf das erste Elektron kommt es an"


def test_personal_blog_named_after_its_author() -> None:
    script = (
        '{"@graph": [{"@type": "BlogPosting", "author": {"@id": "#me"},'
        ' "publisher": {"@id": "#me"}},'
        ' {"@type": ["Person", "Organization"], "@id": "#me", "name": "Ann Lee"}]}'
    )
    head = (
        f'<script type="application/ld+json">{script}</script>'
        '<meta property="og:site_name" content="Ann Lee">'
    )
    assert _meta(_page(head, "<h1>T</h1><p>x</p>")).authors == ["Ann Lee"]
    # An outlet typed as a Person still loses to a real byline.
    outlet = head.replace("Ann Lee", "Daily Planet")
    body = "<h1>T</h1><p class='byline'>By Jo Doe</p>"
    assert _meta(_page(outlet, body)).authors == ["Jo Doe"]


def test_cookie_sentence_is_not_a_byline() -> None:
    body = (
        "<h1>T</h1><p>Text.</p><div>By continuing to browse our site you agree to our use of "
        "cookies, revised Privacy Policy and Terms of Use.</div>"
    )
    assert _meta(_page(body=body)).authors == []


def test_site_name_is_not_an_author() -> None:
    head = (
        '<meta property="og:site_name" content="Example News">'
        '<meta name="author" content="Example News">'
    )
    meta = _meta(_page(head, "<h1>T</h1><p class='byline'>By Jo Doe</p>"))
    assert meta.authors == ["Jo Doe"]
    assert meta.field_sources["authors"] == "byline"


def test_site_rules_win() -> None:
    head = '<meta property="og:title" content="Declared"><meta name="author" content="Jo Doe">'
    body = '<h1 class="x">Visible</h1><span class="who">Ann Other</span><b class="d">2024-04-19</b>'
    rules = SiteRules(title=("h1.x",), author=("span.who",), published=("nope", "b.d"))
    meta = _meta(_page(head, body), site_rules=rules)
    assert (meta.title, meta.authors, meta.published) == ("Visible", ["Ann Other"], "2024-04-19")
    assert {meta.field_sources[k] for k in ("title", "authors", "published")} == {"site-rule"}


def test_title_prefers_matching_h1_and_strips_suffix() -> None:
    head = "<title>Storm hits the coast | Example News</title>"
    meta = _meta(_page(head, "<h1>Example News</h1><h1>Storm hits the coast</h1>"))
    assert (meta.title, meta.field_sources["title"]) == ("Storm hits the coast", "text")
    no_h1 = _meta(_page(head, "<p>x</p>"))
    assert (no_h1.title, no_h1.field_sources["title"]) == ("Storm hits the coast", "title-element")


def test_does_not_mutate_the_tree() -> None:
    html = (FIXTURES / "meta_chinese_byline.html").read_text("utf-8")
    doc = _doc(html)
    before = etree.tostring(doc)
    extract_metadata(doc, "https://example.cn/", DEFAULT_OPTIONS)
    assert etree.tostring(doc) == before


def test_empty_document() -> None:
    meta = _meta("<html><body></body></html>", "")
    assert meta.title is None and meta.authors == [] and meta.published is None


def test_label_finals_cover_every_case_variant() -> None:
    """_has_label tests the letter before a colon first: every character that the
    case-insensitive label regex takes for a label's last letter must pass that test."""
    finals = {label[-1] for label in byline._LATIN_NAME_LABELS}
    variant = re.compile("(?i:[" + "".join(sorted(finals)) + "])")
    matched = {c for c in map(chr, range(0x110000)) if variant.fullmatch(c)}
    assert {c.casefold() for c in matched} == byline._LABEL_FINALS


def test_in_body_matches_the_xpath_it_replaces() -> None:
    """title.in_body(doc, *tags) == XPath `//body//*[self::tag or ...]`, also for a stray
    heading outside the body and a body nested in another element (BeautifulSoup trees)."""
    doc = _doc(
        "<html><head><title>T</title></head><body><h2>a</h2><div><h1>b<h3>c</h3></h1></div>"
        "<section><h4>d</h4></section></body></html>"
    )
    stray = etree.SubElement(doc, "h1")  # a sibling of <body>, not inside it
    nested = etree.SubElement(etree.SubElement(stray, "body"), "h2")
    expected = doc.xpath("//body//*[self::h1 or self::h2 or self::h3 or self::h4]")
    found = list(title.in_body(doc, "h1", "h2", "h3", "h4"))
    assert found == expected
    assert nested in found and stray not in found


@given(
    st.lists(
        st.sampled_from(["Author", "Quelle", " ", ":", "：", "来源", "记者", "文/", "x", "é", "\n"])
    ).map("".join)
)
def test_label_prefilter_never_hides_a_label(text: str) -> None:
    assert byline._may_hold_label(text) or not byline._LABEL_TEXT_RE.search(text)


@pytest.mark.parametrize(
    "hidden",
    [
        '<span class="updated rich-snippet-hidden">2022-12-07T10:10:52+01:00</span>',
        '<span class="updated" hidden>2022-12-07</span>',
        '<span style="display: none">2022-12-07</span>',
    ],
)
def test_hidden_modified_date_in_a_dateline_is_not_the_published_one(hidden: str) -> None:
    body = f'<h1>T</h1><div class="meta-info">{hidden}<span>25. Dezember 2022</span></div>'
    assert _meta(_page(body=body)).published == "2022-12-25"


def test_dateline_above_the_headline_names_the_author() -> None:
    body = (
        "<small>04.02.2022 | 13:10 Uhr | Uta Muster</small><h1>Headline here</h1>"
        "<p>Text of the article.</p><ul><li>Related story 04.02.2022</li></ul>"
    )
    assert _meta(_page(body=body)).authors == ["Uta Muster"]
    # A place after the date is no name: one word after a dash needs "von"/"by".
    place = body.replace("13:10 Uhr | Uta Muster", "- Warendorf")
    assert _meta(_page(body=place)).authors == []


def test_style_rules_inside_the_h1_are_not_its_text() -> None:
    body = "<h1><style>.c-1x{font-size:16px;color:#707070}</style>Harbour plan approved</h1>"
    meta = _meta(_page("<title>Harbour plan approved</title>", body))
    assert meta.title == "Harbour plan approved"


def test_a_title_span_ending_with_a_colon_is_only_the_first_line_of_the_headline() -> None:
    body = (
        "<h1><span class='pf-title'>Row before the works meeting:</span><br>"
        "<span class='big'>Board and union disagree</span></h1>"
    )
    head = (
        "<meta property='og:title' content='Row before the works meeting: Board and union"
        " disagree'>"
    )
    meta = _meta(_page(head, body))
    assert meta.title == "Row before the works meeting: Board and union disagree"


def test_an_og_title_cut_at_an_unescaped_quote_gives_way_to_the_whole_title() -> None:
    head = (
        '<meta property="og:title" content="Senator calls the president "unfit"">'
        '<title>Senator calls the president "unfit" | Example Daily</title>'
    )
    meta = _meta(_page(head, "<p>x</p>"))
    assert meta.title == 'Senator calls the president "unfit"'
    # a shorter og:title that is not cut at a quote stays the choice, and "«" with no "»"
    # after it is a separator, not a quotation
    head = "<meta property='og:title' content='Storm hits'><title>Storm hits the coast</title>"
    assert _meta(_page(head, "<p>x</p>")).title == "Storm hits"
    head = "<meta property='og:title' content='Storm hits'><title>Storm hits « BLOG</title>"
    assert _meta(_page(head, "<p>x</p>")).title == "Storm hits"


@pytest.mark.parametrize(
    ("h1", "expected"),
    [
        ("Was wir nicht hören wollen | EXAMPLE.NET", "Was wir nicht hören wollen"),
        ("Atomkraft ist nicht nachhaltig | Umweltamt", "Atomkraft ist nicht nachhaltig"),
        # an affix that is neither the site's name nor a domain belongs to the headline
        ("Sazerac - Alles über den Cocktail", "Sazerac - Alles über den Cocktail"),
    ],
)
def test_a_site_affix_printed_in_the_h1_is_cut(h1: str, expected: str) -> None:
    head = (
        f"<meta property='og:title' content='{expected.split(' - ')[-1]}'>"
        "<meta property='og:site_name' content='Umweltamt'>"
    )
    assert _meta(_page(head, f"<h1>{h1}</h1>")).title == expected


def test_a_cjk_site_name_glued_with_a_hyphen_is_a_suffix() -> None:
    meta = _meta(_page("<title>武汉的声音：有英勇的你，才有英雄的城！-新华网</title>", "<p>x</p>"))
    assert meta.title == "武汉的声音：有英勇的你，才有英雄的城！"
    # a hyphen inside a Latin headline is no separator
    meta = _meta(_page("<title>Covid-19 cases fall in Hubei</title>", "<p>x</p>"))
    assert meta.title == "Covid-19 cases fall in Hubei"


def test_metadata_text_has_no_soft_hyphens_or_zero_width_spaces() -> None:
    # Hyphenation hints split words for machines only; the body drops them too.
    page = (
        "<html><head><title>Die Erfin\u00adderin</title></head><body>"
        "<h1>Die Erfin\u00adderin</h1><p class='byline'>Von Mat\u00adthi\u00adas Lau\u200berer</p>"
        "<p>" + "Ein Satz mit Inhalt, der lang genug ist. " * 10 + "</p></body></html>"
    )
    article = extract(page.encode(), "https://example.de/a")
    assert article.title == "Die Erfinderin"
    assert article.authors == ["Matthias Lauerer"]
    assert "Von " not in article.text  # the byline line is recognised in the body too


_TRAIL_ARTICLE = "<h1>Coffee prices rise</h1><p>" + "Prices rose again this week. " * 10 + "</p>"


@pytest.mark.parametrize(
    ("head", "trail", "section", "source"),
    [
        (
            "",
            "<nav class='breadcrumbs'><ol><li><a href='/'>Home</a></li>"
            "<li><a href='/business/'>Business</a></li><li>Coffee prices rise</li></ol></nav>",
            "Business",
            "breadcrumb",
        ),
        (
            "",
            "<div class='position'>当前位置：<a href='/'>首页</a> &gt; "
            "<a href='/news/'>新闻</a> &gt; 正文</div>",
            "新闻",
            "breadcrumb",
        ),
        # a declared section wins over the trail
        (
            "<meta property='article:section' content='Markets'>",
            "<nav aria-label='Breadcrumb'><a href='/'>Home</a> › "
            "<a href='/business/'>Business</a></nav>",
            "Markets",
            "opengraph",
        ),
        # the home page, a year archive and a search link name no section
        (
            "",
            "<div class='crumbs'><a href='/index.html'>Start</a> / <a href='/2022/'>2022</a>"
            " / <a href='/search'>Search</a></div>",
            None,
            None,
        ),
    ],
)
def test_the_section_from_the_breadcrumb_trail(
    head: str, trail: str, section: str | None, source: str | None
) -> None:
    html = (
        f"<html><head>{head}</head><body>{trail}<article>{_TRAIL_ARTICLE}</article></body></html>"
    )
    meta = extract_metadata(_doc(html), "https://example.com/business/x.html", DEFAULT_OPTIONS)
    assert meta.section == section
    assert meta.field_sources.get("section") == source
