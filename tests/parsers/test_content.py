"""Body extraction on synthetic pages: content selection, captions, credits, licences."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers import extract
from parsers.article import BlockKind
from parsers.images import split_credit

FIXTURES = Path(__file__).parent / "fixtures"
SEED = Path(__file__).parents[3] / "shared" / "seed" / "ichongqing-article.txt"
SAMPLE = (
    Path(__file__).parents[2]
    / "crawler/sample_site/www/insights/2024/04/chongqing-germany-automotive.html"
)
URL = "https://www.ichongqing.info/insights/2024/04/20/chongqing-germany/"

FORBIDDEN = (
    "iChongqing Title",
    "New Era, New Journey, New Chongqing",
    "+86-23-67158993",
    "渝ICP备20009753号-2",
    "50120220004",
    "I Agree",
    "Our Privacy Statement & Cookie Policy",
    "By continuing to browse",
    "For any inquiries",
    "About Us",
    "Contact Us",
    "Leaving a message",
)


@pytest.mark.parametrize("path", [FIXTURES / "ichongqing.html", SAMPLE], ids=["fixture", "sample"])
def test_ichongqing_page(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} is absent")
    article = extract(path.read_bytes(), URL)
    for needle in FORBIDDEN:
        assert needle not in article.text, needle
    assert article.text.startswith("Chongqing - In a recent interview")
    assert article.text.endswith("(Ma Manlin, as an intern, also contributed to this report.)")
    assert "Logistics and advanced manufacturing expand economic ties" in article.text
    credits = [image.credit for image in article.images]
    assert credits == ["Photo/Chongqing Academy of Social Sciences", "Photo/Yuxinou"]
    assert article.images[1].caption is not None
    assert article.images[1].caption.startswith("China Railway Express (Yuxinou)")
    numbers = {(lic.kind, lic.number) for lic in article.site.licences}
    assert ("icp_filing", "渝ICP备20009753号-2") in numbers
    assert ("news_licence", "50120220004") in numbers
    kinds = {r.kind for r in article.boilerplate_removed}
    assert {"icp_filing", "news_licence", "hotline", "consent"} <= kinds


def test_fixture_body_sentences_all_present() -> None:
    if not SEED.exists():
        pytest.skip("seed text absent")
    article = extract((FIXTURES / "ichongqing.html").read_bytes(), URL)
    seed = SEED.read_text(encoding="utf-8")
    start = seed.index("Chongqing - In")
    end = seed.index("(Ma Manlin")
    for line in seed[start:end].splitlines():
        line = line.strip()
        if line and "(Photo/" not in line:
            assert line in article.text, line


def test_caption_is_not_also_a_paragraph() -> None:
    article = extract((FIXTURES / "ichongqing.html").read_bytes(), URL)
    figures = [b for b in article.blocks if b.kind is BlockKind.FIGURE]
    assert len(figures) == 2
    paragraphs = [b.text for b in article.blocks if b.kind is BlockKind.PARAGRAPH]
    assert not any("(Photo/" in p for p in paragraphs)


PORTAL = """<html><head><title>Storm hits the coast</title></head><body>
<div id="top-menu"><ul>{menu}</ul></div>
<div class="layout"><div class="sidebar-left"><ul>{menu}</ul></div>
<div class="story-column"><h1>Storm hits the coast</h1>
<p>A powerful storm made landfall on Tuesday, bringing heavy rain, strong winds, and
flooding to several towns along the coast, officials said.</p>
<p>Emergency services evacuated hundreds of residents overnight, and schools will stay
closed until the water recedes, according to the regional authority.</p>
<p>Forecasters expect the storm to weaken as it moves inland, but warned that rivers
could keep rising for days, putting farms and roads at risk.</p></div>
<div class="most-popular"><h3>Most popular</h3><ul>{menu}</ul></div></div>
<div id="footer"><p>Copyright 2024 Example News. All rights reserved.</p></div></body></html>"""


def test_portal_page_selects_the_story() -> None:
    menu = "".join(f'<li><a href="/s{i}">Section number {i} headlines</a></li>' for i in range(40))
    article = extract(PORTAL.format(menu=menu), "https://news.example/storm")
    assert "powerful storm made landfall" in article.text
    assert "rivers could keep rising" in article.text
    assert "Section number" not in article.text
    assert "Copyright" not in article.text


DIV_SOUP = """<html><head><meta charset="utf-8"><title>重庆发布新政策_新闻中心</title></head><body>
<div class="top"><a href="/">首页</a> <a href="/n">新闻</a> <a href="/t">体育</a></div>
<div class="w1000"><div class="l"><div class="tit">重庆发布新政策</div>
<div class="zw">
<p style="text-align:center"><img src="a.jpg"></p>
<p style="text-align:center">图为新闻发布会现场。（图/新华社）</p>
<p>　　本报讯，重庆市今日发布支持制造业发展的新政策，涉及资金、土地、人才等多个方面。</p>
<p>　　据介绍，新政策将重点支持新能源汽车和智能网联汽车产业，推动产业链上下游协同发展。</p>
<p>　　有关负责人表示，政策的版权所有者为市政府，企业可以免费使用相关材料。</p>
</div></div>
<div class="r"><div>热点新闻</div><a href="/1">第一条热点新闻标题</a>
<a href="/2">第二条热点新闻标题</a></div></div>
<div class="bottom">关于我们 | 联系我们 | 网站地图<br>版权所有 重庆日报 滇ICP备12345678号<br>
违法和不良信息举报电话：023-12345678</div></body></html>"""


def test_chinese_div_soup() -> None:
    article = extract(DIV_SOUP, "https://news.example.cn/a.html")
    assert "重庆市今日发布支持制造业发展的新政策" in article.text
    assert "版权所有者为市政府" in article.text  # prose, not a copyright line
    assert "ICP" not in article.text
    assert "举报" not in article.text
    assert "热点新闻" not in article.text
    assert article.images[0].credit == "图/新华社"
    assert article.images[0].caption == "图为新闻发布会现场。"
    assert ("icp_filing", "滇ICP备12345678号") in {
        (x.kind, x.number) for x in article.site.licences
    }


@pytest.mark.parametrize(
    ("caption", "text", "credit"),
    [
        ("A man. (Photo/Someone Agency)", "A man.", "Photo/Someone Agency"),
        ("Der Kanzler in Berlin. Foto: dpa", "Der Kanzler in Berlin.", "Foto: dpa"),
        ("A view of the bay. Photo by Jane Doe", "A view of the bay.", "Photo by Jane Doe"),
        ("A skyline. Credit: Getty Images", "A skyline.", "Credit: Getty Images"),
        ("No credit here.", "No credit here.", None),
        # a caption that is only a credit keeps no caption text
        ("AFP / Jane Doe", "", "AFP / Jane Doe"),
        ("Federal Office/John Smith", "", "Federal Office/John Smith"),
        ("Kuva: JANE DOE", "", "Kuva: JANE DOE"),
        ("Getty Images", "", "Getty Images"),
        # a copyright sign or a bracketed agency credit ends the caption
        ("The cabinet meets© Office/Jane Doe", "The cabinet meets", "© Office/Jane Doe"),
        ("A stoat in winter (jdoe / iStock.com)", "A stoat in winter", "jdoe / iStock.com"),
        # ... but not prose that merely has a slash or a bracket
        ("Input/output is fast", "Input/output is fast", None),
        ("The 2024/25 season", "The 2024/25 season", None),
        ("Glass jars (Jane Doe)", "Glass jars (Jane Doe)", None),
        # a picture agency after a Chinese caption's last sentence
        ("共享充电宝。视觉中国 资料", "共享充电宝。", "视觉中国 资料"),
        ("游客在景区参观。新华社发", "游客在景区参观。", "新华社发"),
        ("他说新华社发布了消息。", "他说新华社发布了消息。", None),
    ],
)
def test_split_credit(caption: str, text: str, credit: str | None) -> None:
    assert split_credit(caption) == (text, credit)


def test_lazy_image_srcset_and_options() -> None:
    page = (
        "<html><body><article><p>" + "Words of the article, many of them. " * 10 + "</p>"
        '<figure><img src="data:image/gif;base64,R0lGOD" '
        'data-srcset="/s.jpg 300w, /l.jpg 1200w"><figcaption>Cap</figcaption></figure>'
        "</article></body></html>"
    )
    article = extract(page, "https://x.example/a/b")
    assert article.images[0].url == "https://x.example/l.jpg"
    assert article.images[0].caption == "Cap"
    from parsers.options import ExtractOptions

    no_images = extract(page, "https://x.example/a/b", options=ExtractOptions(include_images=False))
    assert no_images.images == []


STORY = "".join(
    f"<p>Paragraph {i} of the story: the council met on Monday, and members debated the "
    "budget, the schools and the roads for several hours before voting.</p>"
    for i in range(8)
)


def test_retry_recovers_an_article_in_a_chrome_named_box() -> None:
    # "social" marks a share row, but here the box wraps the whole article: the first
    # pass leaves nothing, the retry without token rules finds the story.
    page = (
        '<html><body><nav><a href="/">Home</a> <a href="/n">News</a></nav>'
        f'<div id="socialicons-sticky"><article><h1>Budget</h1>{STORY}</article></div>'
        "<footer>Copyright 2024 Example</footer></body></html>"
    )
    article = extract(page, "https://news.example/budget")
    assert "Paragraph 7 of the story" in article.text
    assert "Copyright" not in article.text


def test_retry_still_drops_consent_boxes() -> None:
    modal = "<p>" + "We use cookies to improve your experience on this website. " * 20 + "</p>"
    page = (
        '<html><body><div class="post-sidebar"><p>A short note: the shop opens at nine '
        "on Saturday, and the café stays closed until further notice.</p></div>"
        f'<div class="gdpr-modal">{modal}<a href="#">Accept</a></div></body></html>'
    )
    article = extract(page, "https://shop.example/note")
    assert "We use cookies" not in article.text


def test_unclosed_noscript_does_not_swallow_the_page() -> None:
    page = f"<html><body><noscript><img src='/pixel.gif'><div class='story'>{STORY}</div>"
    article = extract(page, "https://news.example/budget")
    assert "Paragraph 7 of the story" in article.text


def test_short_noscript_note_is_dropped() -> None:
    page = f"<html><body><noscript>Please enable JavaScript.</noscript><div>{STORY}</div>"
    article = extract(page, "https://news.example/budget")
    assert "JavaScript" not in article.text


def test_body_split_over_boxes_climbs_to_their_parent() -> None:
    # The long box scores best alone; the page's outer box holds it (in a wrapper) and a
    # second box of the same story, and outscores the wrapper (Readability's parent step).
    para = "<p>{} words of the report, with details, names, and places, as told.</p>"
    first = "".join(para.format(f"Lead {i}") for i in range(6))
    second = "".join(para.format(f"Other {i}") for i in range(4))
    page = (
        '<html><body><div class="outer"><div class="wrap">'
        f'<div class="box">{first}</div></div><div class="box">{second}</div>'
        "</div></body></html>"
    )
    article = extract(page, "https://news.example/split")
    assert "Lead 5 words" in article.text
    assert "Other 3 words" in article.text


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("<div>", "</div>"),
        # TYPO3 nests each text six deep (outer > container > row > textpic > split > text):
        # a body in four parts climbs that far.
        (
            '<div class="outer"><div class="container"><div class="row"><div class="textpic">'
            '<div class="split">',
            "</div></div></div></div></div>",
        ),
    ],
)
def test_body_split_over_same_class_boxes_between_ads(before: str, after: str) -> None:
    # Paragraph groups in boxes of one class, each in its own wrapper, with empty ad slots
    # between: the best box alone misses the others; the top climbs to the box holding all.
    para = "<p>{} sentence of the report, with details, names, and places, as told.</p>"
    boxes = [
        "".join(para.format(f"Group {g} part {i}") for i in range(n))
        for g, n in ((1, 2), (2, 4), (3, 1), (4, 2))
    ]
    slots = "".join(
        f'{before}<div class="richtext">{b}</div>{after}<div class="slot"></div>' for b in boxes
    )
    page = f'<html><body><div class="page"><div class="story">{slots}</div></div></body></html>'
    article = extract(page, "https://news.example/split-class")
    for probe in ("Group 1 part 0", "Group 2 part 3", "Group 3 part 0", "Group 4 part 1"):
        assert probe in article.text


@pytest.mark.parametrize("body_class", ["entry-content", "elementor-widget-theme-post-content"])
def test_known_body_container_beats_a_scored_teaser(body_class: str) -> None:
    # A teaser of comma-rich lines outscores the article, whose plain sentences sit in a
    # box named like a CMS body ("entry-content", Elementor's post-content widget) with far
    # more prose.
    teaser = "<p>Teaser, with, many, commas, here, and, there, to, score, well.</p>" * 4
    body = "".join(
        f"<p>Body line {i} of the article tells the long story in full and in plain words"
        " without a single pause until the very end of it</p>"
        for i in range(6)
    )
    page = (
        '<html><body><div class="column"><div class="lead-text">' + teaser + "</div></div>"
        f'<div class="column"><div class="{body_class}">{body}</div></div></body></html>'
    )
    article = extract(page, "https://news.example/known")
    assert "Body line 5 of the article" in article.text
    assert "Teaser" not in article.text


def test_bootstrap_modal_inside_the_article_is_dropped() -> None:
    # A closed Bootstrap dialog (class "modal") after the story, however long, is hidden
    # by the stylesheet; a class merely containing "modal" ("modality") is not.
    prompt = "<p>Your account is not approved yet, so please request approval first.</p>" * 12
    page = (
        f'<html><body><article><div class="story">{STORY}'
        '<div class="modality"><p>Kept note of the story, with a full sentence.</p></div>'
        f'</div><div class="modal fade">{prompt}</div></article></body></html>'
    )
    article = extract(page, "https://news.example/modal")
    assert "not approved" not in article.text
    assert "Kept note" in article.text


def test_amp_nodisplay_lightbox_is_dropped_however_long() -> None:
    # An AMP lightbox gallery (layout="nodisplay", hidden) with many long captions would
    # outscore the story; readers never see it until they open it.
    captions = "".join(
        f"<p>Caption {i} of the gallery, with a place, a date, and a photographer.</p>"
        for i in range(40)
    )
    page = (
        f'<html><body><amp-lightbox layout="nodisplay" hidden="hidden"><div>{captions}</div>'
        f"</amp-lightbox><article><div>{STORY}</div></article></body></html>"
    )
    article = extract(page, "https://news.example/amp")
    assert "Caption" not in article.text
    assert "Paragraph 7 of the story" in article.text


def test_known_body_container_beats_a_microformat_teaser() -> None:
    # A teaser of another article carries the body microformat ("e-content"); the
    # article itself sits in a CMS body box ("entry-content") with far more prose.
    teaser = "<p>Teaser of another article, short, with a summary of what it says.</p>" * 4
    page = (
        f'<html><body><div class="teaser"><div class="e-content">{teaser}</div></div>'
        f'<div class="entry-content">{STORY}</div></body></html>'
    )
    article = extract(page, "https://news.example/teaser")
    assert "Paragraph 7 of the story" in article.text
    assert "Teaser of another" not in article.text


def test_standfirst_before_the_body_box_is_prepended() -> None:
    # The lead sits in the article's header ("entry-excerpt"), outside the body box the
    # scorer chooses; a "leaderboard" ad box is not a lead.
    page = (
        '<html><body><article><header><h1>Council budget</h1><div class="leaderboard">'
        "<p>Advertisement text that is long enough to count as a lead, but it is not.</p>"
        '</div><div class="entry-excerpt"><p>The council passed the budget after a long '
        "night of debate, with schools and roads the main points.</p></div></header>"
        f'<div class="body-box">{STORY}</div></article></body></html>'
    )
    article = extract(page, "https://news.example/lead")
    assert article.text.startswith("The council passed the budget")
    assert "Advertisement" not in article.text


def test_a_near_empty_box_named_like_content_is_not_the_top() -> None:
    # A one-line box whose name reads as content ("hintWithDetails") outscores the
    # unnamed boxes of the article by its name bonus alone.
    story = "".join(
        f"<p>Line {i} of the plain story tells what the council decided on the new school"
        " buildings in the town</p>"
        for i in range(4)
    )
    page = (
        '<html><body><div class="hintWithDetails"><p>On air now, 20:15, the news.</p></div>'
        f'<div class="wrap"><div class="box">{story}</div></div></body></html>'
    )
    article = extract(page, "https://news.example/hint")
    assert "Line 3 of the plain story" in article.text


def test_author_bio_box_is_not_the_body() -> None:
    # A long, comma-rich author bio ("author-description") next to a short plain story.
    bio = "<p>She writes, edits, travels, cooks, and reads, in Berlin, Paris, and Rome.</p>" * 2
    story = "".join(
        f"<p>Line {i} of the plain story tells what the council decided on the new school"
        " buildings in the town</p>"
        for i in range(6)
    )
    page = (
        f'<html><body><div class="wrap"><div class="author-description">{bio}</div></div>'
        f'<div class="wrap"><div class="box">{story}</div></div></body></html>'
    )
    article = extract(page, "https://news.example/bio")
    assert "Line 5 of the plain story" in article.text


def test_a_figcaption_belongs_to_the_image_not_the_text() -> None:
    from parsers import ExtractOptions

    page = (
        "<html><body><article><p>" + "Words of the article, many of them. " * 10 + "</p>"
        '<figure><img src="/harbour.jpg"><figcaption>The harbour at dawn.</figcaption></figure>'
        "<p>" + "More words of the article follow here. " * 10 + "</p>"
        "</article></body></html>"
    )
    article = extract(page, "https://x.example/a/b")
    assert "The harbour at dawn." not in article.text
    assert article.images[0].caption == "The harbour at dawn."
    assert "*The harbour at dawn.*" in article.markdown()
    with_captions = extract(
        page, "https://x.example/a/b", options=ExtractOptions(captions_in_text=True)
    )
    assert "The harbour at dawn." in with_captions.text


def test_paragraphs_written_with_double_line_breaks_are_separate() -> None:
    """Sites that write articles without <p> separate paragraphs with <br><br>; one <br>
    stays a line break inside a paragraph."""
    sentence = "The fair drew more than one hundred thousand visitors over two days, they said."
    page = (
        "<html><body><h1>Fair</h1><div class='article_right'>"
        f"{sentence} One.<br><br>{sentence} Two.<br> \n <br>{sentence} Three.<br>Line two."
        "</div></body></html>"
    )
    article = extract(page, "https://example.com/news/fair")
    paragraphs = [b.text for b in article.blocks if b.kind is BlockKind.PARAGRAPH]
    assert paragraphs == [
        f"{sentence} One.",
        f"{sentence} Two.",
        f"{sentence} Three.\nLine two.",
    ]
    assert article.text.count("\n\n") == 2


def test_author_bio_box_under_the_article_is_removed() -> None:
    bio = (
        "<div class='post-author-box'><img src='me.jpg'><a href='/author/ann'>Ann Lee</a>"
        "<p>Ann Lee writes about science and the sea. Follow her on Twitter.</p></div>"
    )
    page = f"<html><body><article><h1>T</h1><div class='story'>{STORY}</div>{bio}</article>"
    article = extract(page + "</body></html>", "https://news.example/bio")
    assert "writes about science" not in article.text
    assert "Paragraph 7 of the story" in article.text
    assert any(r.kind == "author_bio" for r in article.boilerplate_removed)
    # A page about the author, all prose, is kept whatever its box is called.
    about = f"<html><body><div class='about-the-author'>{STORY}</div></body></html>"
    assert "Paragraph 7 of the story" in extract(about, "https://news.example/about").text
