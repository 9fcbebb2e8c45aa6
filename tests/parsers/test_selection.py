"""Content selection on small synthetic pages, one layout each: the shapes of real pages
that made the selector pick the wrong box (a table of signatories under a letter, BEM
modifier classes, stray NULs, soft hyphens)."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers import extract

URL = "https://example.org/2024/05/story.html"
SAMPLE_SITE = Path(__file__).resolve().parents[2] / "crawler" / "sample_site" / "www"


def _paragraphs(stem: str, n: int) -> str:
    return "".join(
        f"<p>{stem} {i}: the council met again on Tuesday, and members argued at length, "
        f"with figures, about the budget for roads, schools and the harbour.</p>"
        for i in range(n)
    )


def test_signatory_table_does_not_replace_the_letter_above_it() -> None:
    cells = "".join(
        "<td>" + "<br>".join(f"Signer {c}{i}, editor" for i in range(16)) + "</td>" for c in "ABC"
    )
    html = (
        "<html><body><div class='page'><article><div class='copy'>"
        + _paragraphs("Letter", 6)
        + f"<table><tbody><tr>{cells}</tr></tbody></table>"
        + "</div></article></div></body></html>"
    )
    text = extract(html, URL).text
    assert "Letter 0: the council met" in text
    assert "Signer C15" in text


def test_bem_modifier_does_not_make_an_article_section_chrome() -> None:
    html = (
        "<html><body><article>"
        "<section class='Report__Section Report__Section--Lead'>"
        + _paragraphs("Lead", 3)
        + "</section><section class='Report__Section Report__Section--Ads'>"
        + _paragraphs("Verdict", 3)
        + "<ul>"
        + "".join(f"<li><a href='/o{i}'>Price comparison offer {i}</a></li>" for i in range(12))
        + "</ul>"
        + "</section></article></body></html>"
    )
    text = extract(html, URL).text
    assert "Lead 2:" in text
    assert "Verdict 2:" in text


def test_a_stray_nul_byte_does_not_make_a_page_binary() -> None:
    html = "<html><body><article>" + _paragraphs("Story", 4) + "\x00</article></body></html>"
    article = extract(html.encode(), URL)
    assert article.extraction_status == "ok"
    assert "Story 3:" in article.text


def test_binary_bytes_are_still_not_html() -> None:
    data = b"\x89PNG\r\n\x1a\n" + b"\x00\x01<html>" * 500
    assert extract(data, URL).extraction_status == "not_html"


def test_soft_hyphens_and_zero_width_spaces_leave_the_text() -> None:
    line = "Schon im Mit\u00adtel\u00adal\u00adter war\u200b ein Aus\u00adhänge\u00adschild "
    body = "<p>" + line * 3
    html = f"<html><body><article>{body}</p>{_paragraphs('More', 3)}</article></body></html>"
    text = extract(html, URL).text
    assert "Mittelalter" in text
    assert "\u00ad" not in text and "\u200b" not in text


def test_a_schema_body_cut_into_sections_is_kept_whole_but_teasers_are_not() -> None:
    def part(n: int, stem: str) -> str:
        body = _paragraphs(stem, n)
        return f"<div class='box'><section itemprop='articleBody'>{body}</section></div>"

    html = (
        "<html><body><article itemscope itemtype='https://schema.org/NewsArticle'>"
        + part(2, "Opening")
        + "<aside>Newsletter sign-up</aside>"
        + part(4, "Middle")
        + part(3, "Closing")
        + "</article><article itemscope>"
        + part(2, "Teaser")
        + "</article></body></html>"
    )
    text = extract(html, URL).text
    assert text.index("Opening 0:") < text.index("Middle 3:") < text.index("Closing 2:")
    assert "Teaser" not in text


def test_the_standfirst_above_the_body_joins_it() -> None:
    summary = "The harbour bridge reopens on Monday after two years of repairs, the city said."
    html = (
        f"<html><head><meta name='description' content='{summary}'></head><body>"
        "<div class='page'><div class='head'><h1>Bridge reopens</h1>"
        f"<div class='sub'>{summary}</div></div>"
        f"<div class='story'>{_paragraphs('Body', 5)}</div></div>"
        f"<div class='teasers'><div>{summary}</div></div>"
        "</body></html>"
    )
    text = extract(html, URL).text
    assert text.startswith(summary)
    assert text.count(summary) == 1
    assert "Body 4:" in text


def test_a_summary_shown_only_elsewhere_on_the_page_stays_out() -> None:
    summary = "The harbour bridge reopens on Monday after two years of repairs, the city said."
    html = (
        f"<html><head><meta name='description' content='{summary}'></head><body>"
        f"<div class='promo'><div class='card'>{summary}</div></div>"
        f"<div class='page'><div class='story'>{_paragraphs('Body', 5)}</div></div>"
        "</body></html>"
    )
    assert summary not in extract(html, URL).text


def test_teaser_boxes_inside_the_body_are_dropped() -> None:
    teaser = (
        "<div class='teaser'><h3><a href='/x'>Another story on the new rules</a></h3>"
        "<div class='teasertext'>What you need "
        "to know about the new rules, explained in full. <a href='/x'>more</a></div></div>"
    )
    html = (
        "<html><body><article><div class='copytext'>"
        + _paragraphs("Before", 4)
        + teaser
        + _paragraphs("After", 4)
        + "</div></article></body></html>"
    )
    text = extract(html, URL).text
    assert "Before 3:" in text and "After 3:" in text
    assert "What you need to know" not in text


def test_a_lead_box_beside_the_body_joins_it_without_an_article_element() -> None:
    lead = "The reporter faked stories for years. How could it happen, and who found out?"
    html = (
        "<html><body><div class='page'><div class='story'>"
        f"<h2>A nightmare</h2><div class='story-vorspann'>{lead}</div>"
        f"<div class='story-text'>{_paragraphs('Body', 6)}</div>"
        "</div></div></body></html>"
    )
    text = extract(html, URL).text
    assert text.startswith(lead)
    assert "Body 5:" in text


def test_the_caption_of_the_lead_picture_is_no_standfirst() -> None:
    # "lead-asset": the picture at the top of the article; its caption is named like a lead.
    caption = "Smoke rising from a power plant near the river, seen from the old harbour."
    lead = "Training one model used as much power as a small town does in a year, we found."
    html = (
        "<html><body><article><h1>The cost of AI</h1>"
        f"<div class='article__lead'>{lead}</div>"
        "<figure class='lead-asset'><img src='/p.jpg'>"
        f"<figcaption class='caption lead-asset__caption'>{caption}</figcaption></figure>"
        f"<div class='story-body'>{_paragraphs('Body', 6)}</div>"
        "</article></body></html>"
    )
    text = extract(html, URL).text
    assert caption not in text
    assert text.startswith(lead)
    assert "Body 5:" in text


# Pages that repeat whole stories one under another: {n} story number, {headline}, {body}.
_STORY_LAYOUTS = {
    # infinite scroll: each story in its own wrapper
    "scroll": (
        "<div class='scroll'><article class='story' id='s{n}'><h1>{headline}</h1>"
        "<div class='text'>{body}</div></article></div>"
    ),
    # a dossier printing its stories in full, headlines in header boxes pruning removes
    "dossier": (
        "<article class='list-item'><div class='list-header'><h2>{headline}</h2></div>"
        "<div class='detail'>{body}</div></article>"
    ),
}


@pytest.mark.parametrize("layout", sorted(_STORY_LAYOUTS))
def test_a_page_of_stories_keeps_the_one_whose_headline_is_the_page_title(layout: str) -> None:
    stories = [("Storm closes the ferry", 9), ("Bridge reopens after repairs", 4), ("Mayor", 6)]
    html = (
        "<html><head><title>Bridge reopens after repairs | The Daily</title>"
        "<meta property='og:title' content='Bridge reopens after repairs'></head><body>"
        + "".join(
            _STORY_LAYOUTS[layout].format(n=n, headline=h, body=_paragraphs(f"Story{n}", size))
            for n, (h, size) in enumerate(stories)
        )
        + "</body></html>"
    )
    text = extract(html, URL).text
    assert "Story1 3:" in text
    assert "Story0" not in text and "Story2" not in text


def test_a_closed_popup_plugin_overlay_never_wins() -> None:
    html = (
        "<html><body><div class='pum pum-overlay'><div class='pum-container popmake'>"
        f"<div class='pum-content'>{_paragraphs('Popup', 12)}</div></div></div>"
        f"<main><article><div class='entry-content'>{_paragraphs('Story', 5)}</div>"
        "</article></main></body></html>"
    )
    text = extract(html, URL).text
    assert "Story 4:" in text
    assert "Popup" not in text


def test_ruby_readings_are_not_text() -> None:
    ruby = (
        "<ruby>子<rt>こ</rt></ruby>どもへの<ruby>法律<rp>(</rp><rt>ほうりつ</rt><rp>)</rp></ruby>"
    )
    html = (
        f"<html><body><article><p>{ruby * 20}</p>{_paragraphs('More', 3)}</article></body></html>"
    )
    text = extract(html, URL).text
    assert "子どもへの法律子どもへの法律" in text
    assert "ほうりつ" not in text


def test_player_controls_and_embedded_galleries_are_not_text() -> None:
    slides = "".join(
        f"<li><p>{i}/50 Picture of another story, with a caption that runs on for a while "
        f"and tells what happened in that other story in some detail.</p></li>"
        for i in range(50)
    )
    html = (
        "<html><body><article>"
        + _paragraphs("Story", 4)
        + "<div class='video-js'><div class='vjs-control-bar'><span>Play Video</span>"
        "<span class='vjs-control-text'>Current Time 0:00</span></div></div>"
        + "<div class='container grid-mod-gallery'><h2>Business in pictures</h2>"
        + f"<ul>{slides}</ul></div>"
        + _paragraphs("End", 3)
        + "</article></body></html>"
    )
    text = extract(html, URL).text
    assert "Story 3:" in text and "End 2:" in text
    assert "Play Video" not in text and "Current Time" not in text
    assert "Picture of another story" not in text


def test_the_later_parts_of_a_long_read_join_the_first() -> None:
    html = (
        "<html><body><article><h1>A long read</h1>"
        f"<div class='wrap'><div class='txt txt-part-1'>{_paragraphs('Opening', 2)}</div></div>"
        "<div class='ad'>Advertisement</div>"
        f"<div class='wrap'><div class='txt txt-part-2'>{_paragraphs('Main', 12)}</div></div>"
        "</article><aside><div class='txt teaser'>"
        "<a href='/other'>Another story entirely, with a long linked headline here</a>"
        "</div></aside></body></html>"
    )
    text = extract(html, URL).text
    assert "Opening 1:" in text and "Main 11:" in text
    assert "Another story entirely" not in text


def _rows(*cells: str) -> str:
    """Each cell in a page row of its own, five levels deep like a grid framework's."""
    return "".join(
        "<section class='row'><div class='container'><div class='column'>"
        f"<div class='row-inner'><div class='column-inner'>{cell}</div></div></div></div>"
        "</section>"
        for cell in cells
    )


def test_the_opening_paragraphs_above_the_lead_picture_row_join_the_body() -> None:
    html = (
        "<html><body><main><div class='page'>"
        + _rows(
            "<h1>Harbour plan</h1>",
            f"<div class='story-text'>{_paragraphs('Opening', 3)}</div>",
            "<figure><img src='/a.jpg'><figcaption>The harbour at dawn.</figcaption></figure>",
            "<aside><a href='/x'>Most read: another story with a long headline</a></aside>"
            f"<div class='story-text'>{_paragraphs('Main', 12)}</div>",
        )
        + "</div></main></body></html>"
    )
    text = extract(html, URL).text
    assert text.index("Opening 0:") < text.index("Main 0:") and "Main 11:" in text
    assert "Most read" not in text


def test_far_boxes_of_the_body_class_after_it_are_other_stories() -> None:
    html = (
        "<html><body><main><div class='page'>"
        + _rows(
            "<h1>Harbour plan</h1>",
            f"<div class='story-text'>{_paragraphs('Main', 12)}</div>",
            f"<h2>Next story</h2><div class='story-text'>{_paragraphs('Next', 4)}</div>",
        )
        + "</div></main></body></html>"
    )
    text = extract(html, URL).text
    assert "Main 11:" in text and "Next 0:" not in text


@pytest.mark.parametrize(
    ("inner", "kept"),
    [
        ("<article><p>Short words here.</p></article>", True),
        ("<main><p>Short words here.</p></main>", True),
        ("<div><h1>Headline</h1><p>Short words here.</p></div>", True),
        ('<div itemprop="articleBody"><p>Short words here.</p></div>', True),
        ('<div role="main"><p>Short words here.</p></div>', True),
        ('<div itemprop="author"><p>Short words here.</p></div>', False),
        ("<div><p>Short words here.</p></div>", False),
    ],
)
def test_a_wrapper_named_like_chrome_that_holds_the_article_is_kept(inner: str, kept: bool) -> None:
    import lxml.html

    from parsers.options import DEFAULT_OPTIONS
    from parsers.prune import prune

    doc = lxml.html.document_fromstring(
        f'<html><body><div class="wrap-right">{inner}</div></body></html>'
    )
    prune(doc, DEFAULT_OPTIONS)
    assert ("Short words here." in doc.text_content()) is kept


@pytest.mark.parametrize(
    ("line", "word", "kept"),
    [
        (
            "<p class='cats'><a href='/category/politik/'>Politik</a>, "
            "<a href='/category/debatte/'>Debatte</a></p>",
            "Politik",
            False,
        ),
        ("<p>Themen: <a href='/thema/klima/'>Klima</a></p>", "Klima", False),
        (
            "<div class='meta'>Posted in <a href='/category/news/'>News</a> | Tagged "
            "<a href='/tag/roads/'>Roads</a></div>",
            "Roads",
            False,
        ),
        # a topic link inside a sentence is text
        (
            "<p>Trains between <span><a href='/thema/madrid/'>Madrid</a></span> and Cologne "
            "already run at full speed, the rail company said on Monday.</p>",
            "Madrid",
            True,
        ),
        # a short sentence with a category link is text too
        (
            "<p>Read more in our <a href='/category/politik/'>politics</a> section on Sunday.</p>",
            "politics",
            True,
        ),
    ],
)
def test_a_line_of_category_and_tag_links_is_no_text(line: str, word: str, kept: bool) -> None:
    html = (
        "<html><body><article><h1>Budget</h1>"
        f"<div class='story-body'>{_paragraphs('Body', 5)}{line}</div>"
        "</article></body></html>"
    )
    text = extract(html, URL).text
    assert "Body 4:" in text
    assert (word in text) is kept


def test_the_section_kicker_over_the_headline_is_no_text() -> None:
    # The bundled sample site's article (our own page): a kicker linking to the section
    # ("Business", also its article:section) over the headline and the standfirst.
    page = SAMPLE_SITE / "business" / "2024" / "04" / "retail-footfall-rebounds.html"
    text = extract(page.read_bytes(), "http://127.0.0.1/business/2024/04/x.html").text
    assert text.startswith("Visits to town centre shops rose")
    assert "\n\nBusiness\n\n" not in f"\n\n{text}"


def test_a_heading_that_names_the_section_inside_the_article_stays() -> None:
    html = (
        "<html><head><meta property='article:section' content='Business'></head><body>"
        f"<article><h1>Footfall rebounds</h1><div class='story-body'>{_paragraphs('Body', 5)}"
        "<h2>Business</h2><p>Business owners said the spring had been the best in years.</p>"
        "</div></article></body></html>"
    )
    assert "\n\nBusiness\n\n" in extract(html, URL).text


def test_the_picture_over_the_article_is_its_first_image_and_adds_no_text() -> None:
    html = (
        "<html><body><article><h1>The cost of AI</h1>"
        "<figure class='lead'><img src='/wm.svg' class='img__watermark'>"
        "<img src='/power-plant.jpg' alt='A power plant'>"
        "<figcaption>Smoke over the river. Photograph: Jane Doe</figcaption></figure>"
        f"<div class='story-body'>{_paragraphs('Body', 6)}</div>"
        "</article></body></html>"
    )
    article = extract(html, URL)
    assert [image.url for image in article.images] == ["https://example.org/power-plant.jpg"]
    assert article.images[0].caption == "Smoke over the river."
    assert "Smoke over the river" not in article.text
    assert article.text.startswith("Body 0:")


def test_the_picture_under_the_standfirst_keeps_document_order() -> None:
    standfirst = "Firms try screens, masks and fever checks to keep their staff healthy at work."
    html = (
        f"<html><head><meta name='description' content='{standfirst}'></head><body>"
        f"<article><header><h1>Keeping staff safe</h1><p class='intro'>{standfirst}</p>"
        "<figure><img src='/masks.jpg'><figcaption>Masks at the plant.</figcaption></figure>"
        f"</header><div class='story-body'>{_paragraphs('Body', 6)}</div></article></body></html>"
    )
    article = extract(html, URL)
    assert article.text.startswith(standfirst)
    assert [image.url for image in article.images] == ["https://example.org/masks.jpg"]
    kinds = [block.kind.value for block in article.blocks[:3]]
    assert kinds == ["paragraph", "figure", "paragraph"]
