"""Author rules: what is a name, outlets glued to names, bylines signed by the outlet, labels."""

from __future__ import annotations

import lxml.html
import pytest

from parsers import tree
from parsers.metadata import extract_metadata
from parsers.metadata.names import clean_authors, name_key, split_names
from parsers.options import DEFAULT_OPTIONS


def _authors(head: str = "", body: str = "") -> list[str]:
    doc: lxml.html.HtmlElement | None = tree.parse_html(
        f"<html><head>{head}</head><body>{body}</body></html>"
    )
    assert doc is not None
    return extract_metadata(doc, "https://example.com/a/story", DEFAULT_OPTIONS).authors


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Lower-case words other than name particles make a phrase, not a name.
        ("Published am", []),
        ("von der alten zur neuen Welt", []),
        ("Anna Muster fotografenblog", []),
        ("Ludwig van der Rohe", ["Ludwig van der Rohe"]),
        ("Pedro de la Cruz", ["Pedro de la Cruz"]),
        ("Ann Lee, Leiterin der Abteilung", ["Ann Lee"]),
        # User names may hold digits; numbers and short codes do not pass.
        ("skater1984", ["skater1984"]),
        ("Q2", []),
        ("2024", []),
        # Organisations are not persons.
        ("Beispiel-Stiftung e.V.", []),
        ("Muster Werke GmbH", []),
        # Handles and symbols around a name.
        ("Ann Lee @annlee", ["Ann Lee"]),
        ("~ Ann Lee", ["Ann Lee"]),
        ("© Ann Lee", ["Ann Lee"]),
    ],
)
def test_what_counts_as_a_name(raw: str, expected: list[str]) -> None:
    assert split_names(raw) == expected


def test_outlet_names_around_a_name() -> None:
    assert clean_authors(["Daily Planet - Ann Lee"], ["Daily Planet"]) == ["Ann Lee"]
    assert clean_authors(["Ann Lee | Daily Planet"], ["Daily Planet"]) == ["Ann Lee"]
    # An outlet with "&" in its name is one outlet, not two names.
    assert clean_authors(["Bread & Butter"], ["Bread & Butter"]) == []


def test_a_value_with_one_part_that_is_no_name_is_dropped() -> None:
    assert clean_authors(["Landesamt für Wald und Forst - LAF"]) == []


def test_name_key_ignores_accents() -> None:
    assert name_key("Gàbor Muniér") == name_key("gabor_munier")


def test_site_name_part_is_an_outlet_and_organisation_loses_to_the_byline() -> None:
    head = (
        '<meta name="author" content="Beispielverband e.V.">'
        '<meta property="og:site_name" content="Daily Planet">'
    )
    body = "<h1>T</h1><p class='byline'>By Jo Doe</p>"
    assert _authors(head, body) == ["Jo Doe"]


def test_byline_signed_by_the_outlet_names_it_when_nobody_else_is_named() -> None:
    head = '<meta property="og:site_name" content="Example Times">'
    body = "<h1>T</h1><p class='byline'>By Example Times</p><p>Text.</p>"
    assert _authors(head, body) == ["Example Times"]
    # Meta author tags equal to the site name stay out: CMSs fill them on every page.
    meta_only = head + '<meta name="author" content="Example Times">'
    assert _authors(meta_only, "<h1>T</h1><p>Text.</p>") == []


def test_a_later_byline_names_the_author_when_the_first_names_the_outlet() -> None:
    head = '<meta property="og:site_name" content="Daily Planet">'
    body = (
        "<h1>T</h1><div class='post-author-name'>By Daily Planet</div>"
        "<p><em>Written by: Ann Lee</em></p><p>Text.</p>"
    )
    assert _authors(head, body) == ["Ann Lee"]


@pytest.mark.parametrize(
    "body",
    [
        "<h1>T</h1><h4>Autor</h4><p><a href='/p/ann'>Ann Lee</a></p>",
        "<h1>T</h1><dl><dt>Author:</dt><dd>Ann Lee</dd></dl>",
        "<h1>T</h1><div><span>Author:</span></div><div><span>Author:</span></div>"
        "<div>Ann Lee</div>",
        "<h1>T</h1><div>Hot! <span>| By </span><span>Ann Lee</span> | May 2, 2024</div>",
        "<h1>T</h1><ul><li><span>Thread starter</span> <a>AnnLee</a></li></ul>",
    ],
)
def test_a_label_alone_takes_the_name_from_the_next_text(body: str) -> None:
    assert name_key(" ".join(_authors(body=body))) == "annlee"


@pytest.mark.parametrize(
    "line",
    [
        "Ein Artikel von <strong>Ann Lee</strong> | 27.01.2022",
        "Geschrieben von <a href='/u/1'>Ann Lee</a> am 25.08.2015",
        "Gespeichert von <span>Ann Lee</span> am 24. Juli 2017",
    ],
)
def test_german_lead_phrases(line: str) -> None:
    assert _authors(body=f"<h1>T</h1><div>{line}</div><p>Text.</p>") == ["Ann Lee"]


def test_french_author_classes() -> None:
    body = (
        "<h1>T</h1><div>par <span class='auteurs'>Ann Lee</span>, 21 juin 2018</div>"
        "<span class='field-contributor'>Par <a>Jo Doe</a></span>"
    )
    assert _authors(body=body) == ["Ann Lee"]


def test_comment_authors_are_no_microdata_author() -> None:
    body = (
        "<h1>T</h1><p>Text.</p><div class='comment'><div itemprop='author' itemscope>"
        "<span itemprop='name'>commenter7</span></div></div>"
    )
    assert _authors(body=body) == []


def _sources(head: str = "", body: str = "") -> dict[str, str]:
    doc: lxml.html.HtmlElement | None = tree.parse_html(
        f"<html><head>{head}</head><body>{body}</body></html>"
    )
    assert doc is not None
    return extract_metadata(doc, "https://example.com/a/story", DEFAULT_OPTIONS).field_sources


@pytest.mark.parametrize(
    "footer",
    [
        "<footer><p>© 2021 Ann Lee. All rights reserved.</p></footer>",
        "<footer><span>©</span> 2019-2021 <a href='/'>Ann Lee</a></footer>",
        "<div class='legal'>Copyright (c) 2012- Ann Lee | Impressum</div>",
        "<footer><p>&nbsp;| COPYRIGHT ANN LEE | ALL RIGHTS RESERVED</p></footer>",
    ],
)
def test_copyright_holder_signs_a_page_that_names_nobody(footer: str) -> None:
    body = f"<h1>T</h1><p>Text of the article.</p>{footer}"
    assert _authors(body=body) == ["Ann Lee"]
    assert _sources(body=body)["authors"] == "copyright"


@pytest.mark.parametrize(
    "footer",
    [
        # An organisation holding the copyright is the publisher, not the author.
        "<footer><p>© 2024 Example Media Group. All rights reserved.</p></footer>",
        "<footer><p>© Landeshauptstadt Musterstadt</p></footer>",
        "<footer><p>© 2022 KulturKaufhaus Muster</p></footer>",
        "<footer><p>© 2021 The Big Example</p></footer>",
        "<footer><p>© 2021 HR Example</p></footer>",
        "<footer><p>© 2020 EXAMPLE NEWS SA</p></footer>",
        "<footer><p>© Getty Images</p></footer>",
        # A notice under a picture credits the picture.
        "<figure><img src='a.jpg'><figcaption><span>© Ann Lee</span></figcaption></figure>",
        "<div style=\"background-image: url('a.jpg')\"><div><p>© Ann Lee</p></div></div>",
    ],
)
def test_copyright_holders_that_are_no_author(footer: str) -> None:
    assert _authors(body=f"<h1>T</h1><p>Text of the article.</p>{footer}") == []


def test_copyright_holder_yields_to_any_byline() -> None:
    body = "<h1>T</h1><p class='byline'>By Jo Doe</p><p>Text.</p><footer>© 2021 Ann Lee</footer>"
    assert _authors(body=body) == ["Jo Doe"]


@pytest.mark.parametrize(
    "body",
    [
        # Prose and lists that hold the mark do not name a holder.
        "<h1>T</h1><p>(c) Die Kosten trägt der Mieter.</p>",
        "<h1>T</h1><p>Der Text (c) Ann Lee steht hier.</p>",
        # A link to the notice page is no notice.
        "<h1>T</h1><p>Text.</p><ul><li><a href='/copyright'>Copyright Hinweise</a></li></ul>",
        # The last notice (the footer's) is read first; one without a holder names nobody.
        "<h1>T</h1><p>Text.</p><footer>© 2021</footer>",
    ],
)
def test_copyright_marks_that_name_nobody(body: str) -> None:
    assert _authors(body=body) == []


def _person_page(name: str, description: str) -> str:
    return (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "Article", "headline": "T", "author": {"@id": "#p"}},'
        f'{{"@type": "Person", "@id": "#p", "name": "{name}", "description": "{description}"}}'
        "]}</script>"
    )


@pytest.mark.parametrize(
    ("name", "description", "expected"),
    [
        # A first name alone takes the surname its profile opens with.
        ("Nils", "Nils Muster ist freier Autor und Journalist.", ["Nils Muster"]),
        ("Ann", "Ann Lee - engineer and cyclist since 2002.", ["Ann Lee"]),
        # Prose after the first name, or a role, is no surname.
        ("Nils", "Nils schreibt hier über Familie und Alltag.", ["Nils"]),
        ("Nils", "Nils Autor und Journalist aus Berlin.", ["Nils"]),
        ("Ann Lee", "Ann Lee Smith writes about cycling.", ["Ann Lee"]),
    ],
)
def test_a_first_name_takes_the_surname_of_its_jsonld_profile(
    name: str, description: str, expected: list[str]
) -> None:
    head = _person_page(name, description)
    assert _authors(head, "<h1>T</h1><p>Text.</p>") == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("<p><em><strong>Por Ann Lee</strong></em></p>", ["Ann Lee"]),
        ("<p>Por eso la ciudad cambió mucho en los últimos años.</p>", []),
        ("<div><em>---- by Ann Lee</em></div>", ["Ann Lee"]),
        ("<p>-- by the way, this is a sentence and no byline.</p>", []),
    ],
)
def test_spanish_lead_word_and_dashes_before_by(line: str, expected: list[str]) -> None:
    assert _authors(body=f"<h1>T</h1>{line}<p>Text.</p>") == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("05.02.2020 <span>- Redaktion: Ann Lee (Sprecherin des Vereins)</span>", ["Ann Lee"]),
        ("Redaktion: die Beiträge geben nicht die Meinung des Vereins wieder.", []),
    ],
)
def test_redaktion_label_credits_the_author(line: str, expected: list[str]) -> None:
    assert _authors(body=f"<h1>T</h1><div>{line}</div><p>Text.</p>") == expected


def test_blogger_posts_widget_is_no_page_chrome() -> None:
    post = (
        "<div class='post'><h3>T</h3><span class='byline-author'>Posted by Ann Lee, Jo Doe"
        " and Max Muster - Example Safety team</span><p>Text.</p></div>"
    )
    body = f"<div class='widget Blog' id='Blog1'>{post}</div>"
    assert _authors(body=body) == ["Ann Lee", "Jo Doe", "Max Muster"]
    # Any other widget is a sidebar's.
    sidebar = "<div class='widget'><span class='byline-author'>Posted by Jo Doe</span></div>"
    assert _authors(body=f"<h3>T</h3><p>Text.</p>{sidebar}") == []


def _typed_author(name: str, kind: str) -> str:
    return (
        '<script type="application/ld+json">{"@context": "https://schema.org",'
        f'"@type": "BlogPosting", "headline": "T", "author": {{"@type": "{kind}",'
        f'"name": "{name}"}}}}</script>'
    )


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        # A name typed as a person may keep a lower-case surname.
        ("Mobi muster", "Person", ["Mobi muster"]),
        # Untyped, or not a name: the capitals test stands.
        ("Mobi muster", "Organization", []),
        ("admin user", "Person", []),
        ("Read more here please", "Person", []),
    ],
)
def test_a_person_typed_name_may_hold_a_lower_case_word(
    name: str, kind: str, expected: list[str]
) -> None:
    assert _authors(_typed_author(name, kind), "<h1>T</h1><p>Text.</p>") == expected


def test_a_marked_h1_is_the_headline_not_a_byline() -> None:
    body = (
        "<h1 class='vcard author'>Example Archive</h1>"
        "<h4 class='vcard author'>vom <span class='fn'>Ann Lee</span></h4><p>Text.</p>"
    )
    assert _authors(body=body) == ["Ann Lee"]


_PROSE = "<p>" + "A sentence of the article's text, long enough to be prose. " * 4 + "</p>"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A wire agency in the opening dateline signs the article.
        ("<h1>T</h1><p>Hamburg (dpa/lno) – Trotz eines Gesprächs blieb es still.</p>", ["dpa/lno"]),
        ("<h1>T</h1><p>Berlin (AFP) - Die Regierung hat entschieden.</p>", ["AFP"]),
        # Brackets in prose, or no agency in them: nobody.
        ("<h1>T</h1><p>Die Stadt (rund 5000 Einwohner) – so heißt es – wächst.</p>", []),
        ("<h1>T</h1><p>Berlin (Eigenbericht) – Die Regierung hat entschieden.</p>", []),
        # A byline wins over the dateline.
        (
            "<h1>T</h1><p class='byline'>By Ann Lee</p><p>Berlin (AFP) - Die Regierung.</p>",
            ["Ann Lee"],
        ),
    ],
)
def test_wire_agency_of_the_opening_dateline(body: str, expected: list[str]) -> None:
    assert _authors(body=body) == expected


@pytest.mark.parametrize(
    ("closing", "expected"),
    [
        # An emphasised name under the last paragraph signs the article.
        ("<p><b><i>Ann Lee</i></b></p>", ["Ann Lee"]),
        ("<p class='right'><strong>Ann Lee</strong></p>", ["Ann Lee"]),
        # Sign-offs, labels, links and plain last lines are no signature.
        ("<p><strong>Guten Appetit!</strong></p>", []),
        ("<p><strong>Mehr dazu:</strong></p>", []),
        ("<p><strong><a href='/shop'>Zum Angebot</a></strong></p>", []),
        ("<p>Bad Homburg</p>", []),
        ("<p><strong>Ann Lee</strong></p><ul><li>Weitere Artikel</li></ul>", []),
    ],
)
def test_closing_signature_under_the_text(closing: str, expected: list[str]) -> None:
    body = f"<h1>T</h1><div class='text'>{_PROSE}{closing}</div>"
    assert _authors(body=body) == expected


def test_tag_links_in_the_author_line_are_no_names() -> None:
    meta_line = (
        "<h1>T</h1><div class='vcard author'><span>01.12.2022</span> / <span class='fn'>"
        "Ann Lee</span> / <a rel='tag' href='/thema/solar/'>Solar</a> / "
        "<a rel='category tag' href='/thema/wind/'>Wind Power</a></div><p>Text.</p>"
    )
    assert _authors(body=meta_line) == ["Ann Lee"]
    # Co-author plugins tag the authors too: links to author pages still name them.
    tagged = (
        "<h1>T</h1><p class='byline'>Por: <a rel='category tag' href='/autor/ann-lee/'>Ann "
        "Lee</a>, <a rel='category tag' href='/autor/jo-roe/'>Jo Roe</a></p><p>Text.</p>"
    )
    assert _authors(body=tagged) == ["Ann Lee", "Jo Roe"]


def test_a_quotations_speaker_is_no_byline() -> None:
    body = (
        "<h1>T</h1><p class='byline'>Von Ann Lee</p><p>Text.</p>"
        "<blockquote>Ein Satz.<span class='zitat-author'>Jo Roe, Journalist</span></blockquote>"
    )
    assert _authors(body=body) == ["Ann Lee"]
    quoted_only = "<h1>T</h1><p>Text.</p><div class='quote-author'>Jo Roe, Journalist</div>"
    assert _authors(body=quoted_only) == []


_ZH_PROSE = "<p>市政府今天召开会议，研究部署下一阶段的工作，与会人员进行了讨论。</p>"


@pytest.mark.parametrize(
    ("closing", "expected"),
    [
        # A name in brackets after the last sentence signs a Chinese article ...
        ("<p>会议决定明年继续举办。（王小明）</p>", ["王小明"]),
        ("<p>会议决定明年继续举办。（记者 王小明 李华）</p><div>图集</div>", ["王小明", "李华"]),
        ("<div>会议决定明年继续举办。(评论员 王小明)</div>", ["王小明"]),
        # ... not a bracket of anything but names, nor one in prose that goes on,
        ("<p>会议决定明年继续举办。（完）</p>", []),
        ("<p>会议决定明年继续举办。（新华社）</p>", []),
        ("<p>会议决定明年继续举办。（王小明）</p>" + _ZH_PROSE, []),
        ("<p>他说这是王小明（左）的主意</p>", []),
        ("<p>会议决定明年继续举办。”（王小明）</p>", ["王小明"]),  # after a quote
        # ... nor the editor's own mark: the editor stays the editor.
        ("<p>会议决定明年继续举办。（王小明）</p><p>责任编辑：王小明</p>", []),
    ],
)
def test_bracketed_signature_under_a_chinese_article(closing: str, expected: list[str]) -> None:
    body = f"<h1>标题</h1><div class='text'>{_ZH_PROSE}{closing}</div>"
    assert _authors(body=body) == expected


def test_an_english_quote_in_brackets_signs_nothing() -> None:
    prose = "<p>" + "The council met on Monday and argued about the budget. " * 3
    body = f"<h1>T</h1>{prose}He said: “We will win.” (John Smith)</p>"
    assert _authors(body=body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # An agency credited alone under the headline signs the article ...
        ("<h1>T</h1><p class='credit'>AFP</p><p>Text.</p>", ["AFP"]),
        # ... not when it credits a picture.
        (
            "<h1>T</h1><figure><img src='a.jpg'><figcaption>AFP</figcaption></figure><p>Text.</p>",
            [],
        ),
    ],
)
def test_agency_credited_alone_under_the_headline(body: str, expected: list[str]) -> None:
    assert _authors(body=body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "<h1>T</h1><p>Text.</p><p><em>Quelle: Example Radio</em></p>",
        "<h1>T</h1><p>Text.</p><p>来源：人民网</p>",
    ],
)
def test_a_credited_source_stays_the_source_on_a_page_that_names_nobody(body: str) -> None:
    """Author, editor and source are kept apart, even when nobody else is named."""
    doc = tree.parse_html(f"<html><body>{body}</body></html>")
    assert doc is not None
    meta = extract_metadata(doc, "https://example.com/a/story", DEFAULT_OPTIONS)
    assert meta.authors == []
    assert meta.source in ("Example Radio", "人民网")


def test_a_meta_author_that_is_the_site_host_is_the_outlet() -> None:
    head = '<meta name="author" content="example.at">'
    body = "<h1>T</h1><p>Text.</p><p>Quelle: Example Press</p>"
    doc = tree.parse_html(f"<html><head>{head}</head><body>{body}</body></html>")
    assert doc is not None
    meta = extract_metadata(doc, "https://www.example.at/a/story", DEFAULT_OPTIONS)
    assert meta.authors == []
    assert meta.source == "Example Press"


@pytest.mark.parametrize(
    "box",
    [
        "<div class='bio'><h3><a href='/author/ann-lee/'>Ann Lee</a></h3></div>",
        "<ul><li><a href='https://example.com/de/autoren/ann-lee'>ANN LEE</a></li></ul>",
        "<p><a href='/profile/annlee'>Ann Lee</a> <a href='/author/annlee'>Ann Lee</a></p>",
    ],
)
def test_links_to_one_author_page_name_a_page_that_names_nobody(box: str) -> None:
    body = f"<h1>T</h1><p>Text of the article.</p>{box}"
    assert _authors(body=body) == ["Ann Lee"]
    assert _sources(body=body)["authors"] == "author-link"


@pytest.mark.parametrize(
    "box",
    [
        # teasers by several authors, a celebrity's tag page, a link that is no name,
        # a page number after the segment
        "<a href='/author/ann-lee/'>Ann Lee</a><a href='/author/jo-roe/'>Jo Roe</a>",
        "<a href='/person/famous-actor/'>Famous Actor</a>",
        "<a href='/author/ann-lee/'>Alle Beiträge</a>",
        "<a href='/author/redaktion/'>Ann Lee</a>",  # the address does not name her
        "<a href='/author/page/2'>Ann Lee</a>",
    ],
)
def test_author_links_that_name_nobody(box: str) -> None:
    assert _authors(body=f"<h1>T</h1><p>Text of the article.</p>{box}") == []


def test_author_links_yield_to_any_byline() -> None:
    body = "<p class='byline'>By Jo Doe</p><p>Text.</p><a href='/author/ann-lee/'>Ann Lee</a>"
    assert _authors(body=body) == ["Jo Doe"]


def test_a_labelled_line_after_a_break_in_a_long_box_is_a_byline() -> None:
    prose = "Das Gericht wies die Klage ab und begründete das ausführlich. " * 6
    line = "Autor: <a href='/ra/'>Rechtsanwalt</a> Ann Lee"
    body = f"<h1>T</h1><div class='text'>{prose}<br><br>{line}</div>"
    assert _authors(body=body) == ["Ann Lee"]


def _ld_author(name: str) -> str:
    return (
        "<script type='application/ld+json'>"
        f'{{"@type": "NewsArticle", "author": {{"@type": "Person", "name": "{name}"}}}}'
        "</script>"
    )


def test_the_visible_byline_adds_the_co_authors_json_ld_leaves_out() -> None:
    body = "<h1>T</h1><p class='byline'>von Ann Lee, Jo Roe</p><p>Text.</p>"
    assert _authors(_ld_author("Ann Lee"), body) == ["Ann Lee", "Jo Roe"]


@pytest.mark.parametrize(
    "line",
    [
        "By Ann Lee, CNN",  # an outlet is no co-author
        "By Jo Roe and Ann Lee",  # the chosen author must come first
        "By Ann Lee (reporting) and Jo Roe (photography)",  # a photographer
    ],
)
def test_a_byline_adds_no_one_who_is_not_a_further_author(line: str) -> None:
    body = f"<h1>T</h1><p class='byline'>{line}</p><p>Text.</p>"
    assert _authors(_ld_author("Ann Lee"), body) == ["Ann Lee"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("by Ann Lee (reporting) and Jo Roe (photography)", ["Ann Lee"]),
        ("Ann Lee, Jo Roe (Fotos)", ["Ann Lee"]),
        ("Ann Lee and Jo Roe", ["Ann Lee", "Jo Roe"]),
    ],
)
def test_photographers_in_a_byline_are_no_authors(raw: str, expected: list[str]) -> None:
    assert clean_authors([raw]) == expected


def test_an_outlet_with_its_address_names_nobody() -> None:
    outlet = ["example.de"]
    assert clean_authors(["example.de, Frankfurt, Germany"], exclude=outlet) == []
    assert clean_authors(["example.de, Ann Lee, Jo Roe"], exclude=outlet) == ["Ann Lee", "Jo Roe"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("By Nada Tawfik, BBC News, New York", ["Nada Tawfik"]),
        ("By Ann Lee, Jo Roe, China Daily, Beijing", ["Ann Lee", "Jo Roe"]),
        ("Emily Post and Ann Lee", ["Emily Post", "Ann Lee"]),  # "Post" is a surname too
    ],
)
def test_a_newspaper_name_ends_the_names_of_a_byline(raw: str, expected: list[str]) -> None:
    assert clean_authors([raw]) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # the byline's first line names the people; the dateline's place follows a <br>
        (
            "Von <a href='/a'>Ann Lee</a> und <a href='/b'>Jo Roe</a><br><br>Kakuma /Kenia",
            ["Ann Lee", "Jo Roe"],
        ),
        # a bare label on the first line reads on to the name
        ("<b>Von:</b><br><br>Ann Lee", ["Ann Lee"]),
    ],
)
def test_a_byline_line_ends_at_its_break(line: str, expected: list[str]) -> None:
    assert _authors(body=f"<h1>T</h1><p>{line}</p><p>Text of the article.</p>") == expected


def test_the_first_line_of_a_picture_credit_box_is_no_byline() -> None:
    # A credit box too long for a byline as a whole, whose first line reads like one.
    credit = (
        "<figure><img src='/a.jpg'><figcaption><section><div>"
        "<div class='attribution theme wysiwyg'><p><a href='/g'>Example Graphics</a> for"
        " Example Magazine; sources: Wikimedia Commons,<br><a href='/f'>Mathematical"
        " Association of Example Lands</a>, Example Museum</p></div>"
        "</div></section></figcaption></figure>"
    )
    doc = tree.parse_html(f"<html><body><h1>T</h1><p>Text.</p>{credit}</body></html>")
    assert doc is not None
    assert extract_metadata(doc, "https://example.com/a", DEFAULT_OPTIONS).source is None


_SITE = '<meta property="og:site_name" content="Example.de">'


@pytest.mark.parametrize(
    "value",
    ["Example.de-Redaktion", "Example.de - Die Redaktion", "Example.de | Newsroom"],
)
def test_the_newsroom_of_the_outlet_yields_to_the_byline(value: str) -> None:
    head = _SITE + f'<meta name="author" content="{value}">'
    body = "<h1>T</h1><p class='byline'>Von Ann Lee</p><p>Text.</p>"
    assert _authors(head, body) == ["Ann Lee"]
    assert clean_authors([value], ["Example.de"]) == []


def test_a_newsroom_or_a_name_without_the_outlet_stays() -> None:
    # "Redaktion" alone signs with the newsroom; a person after the outlet is that person;
    # a newsroom of another outlet is no outlet of this page.
    assert clean_authors(["Redaktion"], ["Example.de"]) == ["Redaktion"]
    assert clean_authors(["Example.de - Ann Lee"], ["Example.de"]) == ["Ann Lee"]
    head = _SITE + '<meta name="author" content="Redaktion">'
    body = "<h1>T</h1><p>Die Redaktion von Example.de hat den Text geprüft und freigegeben.</p>"
    assert _authors(head, body) == ["Redaktion"]


_ARTICLE_P = "<p>Der Text des Artikels steht hier und ist lang genug, um als Absatz zu gelten.</p>"


@pytest.mark.parametrize(
    "heading",
    [
        "<h3>MEHR VON ANN LEE</h3>",
        "<h2>More from Ann Lee</h2>",
        "<h4>Weitere Artikel von Ann Lee</h4>",
    ],
)
def test_a_more_from_heading_completes_a_first_name(heading: str) -> None:
    byline = "<p class='byline'>Von <a rel='author' href='/author/ann/'>Ann</a></p>"
    assert _authors(body=f"<h1>T</h1>{byline}{_ARTICLE_P}<aside>{heading}</aside>") == ["Ann Lee"]


@pytest.mark.parametrize(
    "more",
    [
        "<p>Mehr von Ann Lee lesen Sie morgen an dieser Stelle.</p>",  # prose, no heading
        "<h3>Mehr von Jo Roe</h3>",  # another person
        "<h3>Mehr von Ann</h3>",  # no surname to add
    ],
)
def test_what_completes_no_first_name(more: str) -> None:
    byline = "<p class='byline'>Von <a rel='author' href='/author/ann/'>Ann</a></p>"
    assert _authors(body=f"<h1>T</h1>{byline}{_ARTICLE_P}{more}") == ["Ann"]


def _jsonld_author(name: str) -> str:
    return (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "T",'
        f' "author": {{"@type": "Person", "name": "{name}"}}}}</script>'
    )


def test_a_user_name_takes_the_name_the_page_spells_it_with() -> None:
    body = f"<h1>T</h1>{_ARTICLE_P}<p>Ein Kommentar von Ann Q. Lee.</p>"
    assert _authors(_jsonld_author("ann.lee"), body) == ["Ann Q. Lee"]
    assert _authors(_jsonld_author("AnnLee"), body) == ["Ann Q. Lee"]


def test_initials_take_the_name_their_author_page_spells() -> None:
    byline = "<p class='byline'>von <a rel='author' href='/author/annlee/'>AL</a></p>"
    footer = (
        "<footer><p>Das Blog von <a href='/'>Ann Lee</a> steht unter einer Lizenz.</p></footer>"
    )
    assert _authors(body=f"<h1>T</h1>{byline}{_ARTICLE_P}{footer}") == ["Ann Lee"]


@pytest.mark.parametrize(
    ("byline", "prose", "expected"),
    [
        # a first name is how the author signs: it stays, though the slug spells more
        ("<a rel='author' href='/author/annlee/'>Ann</a>", "Ann Lee", ["Ann"]),
        # other letters, or too few to tell ("jolee")
        ("<a rel='author' href='/author/annleigh/'>AL</a>", "Ann Lee", ["AL"]),
        ("<a rel='author' href='/author/jolee/'>JL</a>", "Jo Lee", ["JL"]),
    ],
)
def test_what_spells_out_no_one_word_author(byline: str, prose: str, expected: list[str]) -> None:
    line = f"<p class='byline'>von {byline}</p>"
    body = f"<h1>T</h1>{line}{_ARTICLE_P}<p>Heute schrieb {prose} viel.</p>"
    assert _authors(body=body) == expected


_OWNER = '<meta name="author" content="Ann Owner">'


def test_a_meta_author_the_page_never_shows_yields_to_the_byline() -> None:
    body = f"<h1>T</h1><p class='byline'>Von Jo Roe</p>{_ARTICLE_P}"
    assert _authors(_OWNER, body) == ["Jo Roe"]


@pytest.mark.parametrize(
    "body",
    [
        # the page shows the meta author's name: the tag names the article's author
        f"<h1>T</h1><p class='byline'>Von Jo Roe</p>{_ARTICLE_P}<p>Ann Owner prüfte den Text.</p>",
        # no byline: the tag is all there is
        f"<h1>T</h1>{_ARTICLE_P}",
        # prose that opens like a byline names nobody
        f"<h1>T</h1><p>Von Montag an gilt die neue Regel für alle Gärten.</p>{_ARTICLE_P}",
    ],
)
def test_a_meta_author_stays_when_shown_or_alone(body: str) -> None:
    assert _authors(_OWNER, body) == ["Ann Owner"]
