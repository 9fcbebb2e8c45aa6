"""English pages of Chinese state media, as their templates print them (synthetic pages in
fixtures/state_media_*.html): a byline line with outlet and date, captions with bracketed
credits, an agency dateline, and footers of licence numbers, filings and hotlines."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers import Article, extract

FIXTURES = Path(__file__).parent / "fixtures"

# Lines that must not be in any body: chrome of all three templates.
CHROME = (
    "Copyright",
    "All rights reserved",
    "ICP",
    "公网安备",
    "reported by calling",
    "cookies",
    "I Agree",
    "Related Stories",
    "RELATED ARTICLES",
    "Most Viewed",
    "Editor's Pick",
    "Share",
    "Facebook",
    "Registration Number",
    "License for publishing",
    "resolution are suggested",
    "Back to top",
    "Updated:",
    "Published:",
    "Source: Xinhua",
    "Editor: huaxia",
)


def _article(name: str) -> Article:
    page = FIXTURES / f"state_media_{name}.html"
    return extract(page.read_bytes(), f"https://www.example.cn/news/{name}.html")


@pytest.mark.parametrize("name", ["chinadaily", "globaltimes", "xinhua"])
def test_no_chrome_in_the_body(name: str) -> None:
    text = _article(name).text
    for needle in CHROME:
        assert needle not in text, needle


def test_byline_line_with_outlet_and_date() -> None:
    article = _article("chinadaily")
    assert article.title == "Riverside town turns old factory into arts hub"
    assert article.authors == ["Li Ming"]
    assert article.published == "2024-04-20T10:30:00"
    assert article.text.startswith("A disused textile mill in a riverside town")
    assert article.text.endswith("Xinhua contributed to this story.")
    (image,) = article.images
    assert image.caption == "Visitors tour an exhibition in the renovated mill on Saturday."
    assert image.credit == "Photo by Wang Fang/For daily.example.cn"
    numbers = {(lic.kind, lic.number) for lic in article.site.licences}
    assert numbers == {("multimedia_licence", "0108263"), ("registration", "130349")}
    kinds = {r.kind for r in article.boilerplate_removed}
    assert {"consent", "copyright", "related", "share", "nav"} <= kinds


def test_div_title_br_paragraphs_and_centred_caption() -> None:
    article = _article("globaltimes")
    assert article.title == "Scientists map ancient river network in desert"
    assert article.authors == ["Wang Lei"]
    assert article.published == "2024-04-20T22:30:00"
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 5  # the caption, then four <br><br> paragraphs
    assert paragraphs[1].startswith("Chinese researchers have mapped")
    (image,) = article.images
    assert image.credit == "Photo: VCG"
    numbers = {(lic.kind, lic.number) for lic in article.site.licences}
    assert ("icp_filing", "京ICP备09047474号-4") in numbers
    assert ("public_security_filing", "京公网安备 11010502000009号") in numbers
    assert "hotline" in {r.kind for r in article.boilerplate_removed}


def test_agency_page_keeps_source_and_editor_apart() -> None:
    article = _article("xinhua")
    assert article.title == "China launches new weather satellite"
    assert article.site.name == "Xinhua"  # "Headline-Xinhua" in <title>
    assert (article.source, article.editor) == ("Xinhua", "huaxia")
    assert article.authors == []  # the editor is named; no author is
    assert article.published == "2024-04-20T10:30:00"
    assert article.text.startswith("JIUQUAN, April 20 (Xinhua) -- China on Saturday launched")
    (image,) = article.images
    assert image.credit == "Xinhua/Wang Jiangbo"
    assert image.caption is not None and image.caption.startswith("A Long March rocket")
