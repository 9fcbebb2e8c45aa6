"""The JSON-LD articleBody fallback: a page that shows little of its article (rendered
by scripts, or a teaser above a paywall) gives the whole text the page publishes."""

from __future__ import annotations

import json

from parsers import extract
from parsers.article import BlockKind

URL = "https://news.example.org/2024/05/harbour.html"

PARAGRAPHS = [
    f"Paragraph {n} of the report on the harbour: the council met the shipping firms on "
    f"Tuesday and agreed a timetable for dredging the channel before the winter storms."
    for n in range(1, 9)
]


def page(visible: str, article_body: str | None) -> bytes:
    ld: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Harbour dredging to start in autumn",
        "author": {"@type": "Person", "name": "Ann Lee"},
    }
    if article_body is not None:
        ld["articleBody"] = article_body
    return (
        "<html><head><title>Harbour dredging to start in autumn</title>"
        f"<script type='application/ld+json'>{json.dumps(ld)}</script></head>"
        "<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Harbour dredging to start in autumn</h1>{visible}</article>"
        "<footer>© 2024 Example News. All rights reserved.</footer></body></html>"
    ).encode()


def test_script_rendered_page_takes_the_plain_text_article_body() -> None:
    shown = (
        "<figure><img src='/img/harbour.jpg' alt='The harbour'>"
        "<figcaption>The harbour at dawn.</figcaption></figure><div id='app'></div>"
    )
    article = extract(page(shown, "\n".join(PARAGRAPHS)), URL)
    assert article.text.split("\n\n") == PARAGRAPHS
    assert article.field_sources["text"] == "json-ld"
    assert article.authors == ["Ann Lee"]
    # the page's own picture and the chrome taken off it are still reported
    assert [i.url for i in article.images] == ["https://news.example.org/img/harbour.jpg"]
    assert any(r.kind == "nav" for r in article.boilerplate_removed)


def test_escaped_html_article_body_keeps_its_structure() -> None:
    markup = (
        "<p>" + PARAGRAPHS[0] + " Tom &amp; Jerry&#39;s boats stay.</p>"
        "<h2>What comes next</h2>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:4])
        + "<ul><li>first the channel</li><li>then the quay</li></ul>"
    )
    escaped = markup.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    article = extract(page("<p>Loading…</p>", escaped), URL)
    assert "Tom & Jerry's boats stay." in article.text
    assert "&lt;" not in article.text and "&amp;" not in article.text
    kinds = [block.kind for block in article.blocks]
    assert BlockKind.HEADING in kinds and BlockKind.LIST in kinds
    assert article.field_sources["text"] == "json-ld"


def test_paywall_teaser_gives_way_to_a_much_longer_article_body() -> None:
    teaser = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])
    article = extract(page(teaser, "\n".join(PARAGRAPHS)), URL)
    assert article.text.split("\n\n") == PARAGRAPHS


def test_visible_article_wins_when_the_article_body_is_not_much_longer() -> None:
    # The teaser shows 5 of 8 paragraphs: the article body is not 3 times longer.
    shown = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:5])
    article = extract(page(shown, "\n".join(PARAGRAPHS)), URL)
    assert article.text.split("\n\n") == PARAGRAPHS[:5]
    assert "text" not in article.field_sources


def test_page_without_article_body_is_unchanged() -> None:
    shown = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    with_ld = extract(page(shown, "\n".join(PARAGRAPHS)), URL)
    without = extract(page(shown, None), URL)
    assert with_ld.text == without.text == "\n\n".join(PARAGRAPHS)
    assert "text" not in with_ld.field_sources


def test_boilerplate_in_the_article_body_is_still_filtered() -> None:
    body = "\n".join([*PARAGRAPHS, "© 2024 Example News. All rights reserved."])
    article = extract(page("<div id='app'></div>", body), URL)
    assert article.text.split("\n\n") == PARAGRAPHS
    assert any(r.kind == "copyright" for r in article.boilerplate_removed)
