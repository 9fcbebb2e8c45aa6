"""Boilerplate rules: licence lines, hotlines, consent banners, footer links."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parsers import extract
from parsers.linefilter import classify_line, find_licences, is_author_line, is_byline, is_title
from parsers.prune import _names_kind
from parsers.rules import prune as prune_rules

PROSE = "<p>" + "The council approved the new budget after a long debate, members said. " * 4


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("渝ICP备20009753号-2", "icp_filing"),
        ("滇ICP备05005746号", "icp_filing"),
        ("黔ICP备12345678号-1", "icp_filing"),
        ("陇ICP备1234567号", "icp_filing"),
        ("蜀ICP备123456号", "icp_filing"),
        ("京ICP证000022号", "icp_licence"),
        ("ICP许可证号：晋B2-20040032", "icp_licence"),
        ("增值电信业务经营许可证：粤B2-20080118", "telecom_licence"),
        ("京公网安备 11010502000001号", "public_security_filing"),
        ("互联网新闻信息服务许可证号:50120220004", "news_licence"),
        ("违法和不良信息举报电话：010-12345678", "hotline"),
        (
            "Internet illegal and undesirable information can be reported by calling this "
            "telephone number:+86-23-67158993",
            "hotline",
        ),
        ("Copyright © 1998-2024 Example. All Rights Reserved", "copyright"),
        ("版权所有 人民网", "copyright"),
        ("图片均来自网络", "copyright"),
        ("注：文中图片来源于网络，如有侵权请联系", "copyright"),
        ("政府网站标识码：5000000001", "gov_chrome"),
        ("关于我们 | 联系我们 | 网站地图 | 广告服务", "footer"),
        ("About UsContact Us", "footer"),
        ("Leaving a message", "contact"),
        ("I Agree", "consent"),
        ("War der Artikel hilfreich?", "widget"),
        ("Was this article helpful?", "widget"),
        ("Kommentar verfassen", "widget"),
        ("12 Comments", "widget"),
        ("Mehr zum Thema", "related"),
        ("You might also like:", "related"),
        ("相关新闻", "related"),
        ("为你推荐", "related"),
        ("扫描二维码关注我们", "promo"),
        ("欢迎关注微信公众号", "promo"),
        ("打开APP阅读", "promo"),
        ("展开全文", "widget"),
        ("点击图片进入下一页", "widget"),
        ("特别声明：以上内容为自媒体平台用户上传并发布，本平台仅提供信息存储服务。", "disclaimer"),
        ("Editors’ Recommendations:", "related"),
        ("【精彩推荐】", "related"),
        ("热门文章：", "related"),
        ("Weitere Beiträge aus der Kolumne:", "related"),
        ("Weitere Themen", "related"),
        ("Mehr zum Thema auf example.de", "related"),
        ("NOTAS RELACIONADAS", "related"),
        ("Auch auf example.de", "related"),
        ("Audios et vidéos sur le sujet", "related"),
        ("Vorschau auf den nächsten Artikel", "related"),
        ("- Anzeige -", "widget"),
        ("ANZEIGE - Heute mal ausgehen? Wie wäre es mit:", "widget"),
        ("Advertisement:", "widget"),
        ("zurück zur Übersicht", "widget"),
        ("Dieses Skript als PDF herunterladen", "widget"),
        ("Download (123 KB)", "widget"),
        ("Weitere Informationen:", "related"),
        ("Kontakt:", "widget"),
        ("Über den Autor", "related"),
        ("Continue reading the main story", "widget"),
        ("Home | World | Business | Sports", "nav"),
        ("首页 新闻 体育 财经 娱乐", "nav"),
        ("Story continues below advertisement", "widget"),
        ("Click to share on Twitter (Opens in new window)", "widget"),
        ("Listen to this article 3 min", "widget"),
        ("Also read:", "related"),
        ("Published 2 hours ago", "byline"),
        ("vor 3 Stunden", "byline"),
        ("5 April 2013 Last updated at 08:09 GMT", "byline"),
        ("2024-04-20 10:30:00", "byline"),
        ("Autor:innen", "related"),
        ("About the authors", "related"),
        ("Kategorie: News, Sport", "widget"),
        ("Aktualisiert: 03.04.2020, 14:05 Uhr", "byline"),
        ("Publiziert: 03.04.2020, 12:35", "byline"),
        ("Last Modified:", "byline"),
        ("Aktualisiert am", "byline"),
        ("Release Date:", "byline"),
        ("Crédits photos : Bestimage", "caption"),
        ("am 3. Februar 2022 um 21:17", "byline"),
        ("Posted on Wednesday, May 16th, 2012", "byline"),
        ("Veröffentlicht am Mittwoch, den 27. November 2019 um 15:21 Uhr", "byline"),
        (
            "This entry was posted on Wednesday, May 16th, 2012 at 10:00 am and is filed under"
            " News. You can follow any responses to this entry through the RSS 2.0 feed. Both"
            " comments and pings are currently closed.",
            "byline",
        ),
        (
            "Der Beitrag wurde am Mittwoch, den 27. November 2019 um 15:21 Uhr veröffentlicht und"
            " wurde unter Allgemein, Region Halle, Veranstaltungskalender abgelegt. Du kannst die"
            " Kommentare zu diesen Eintrag durch den RSS 2.0 Feed verfolgen.",
            "byline",
        ),
        ("2024-04-20", "byline"),
        ("20:37 Uhr", "byline"),
        ("asked Feb 6, 2014 at 20:37", "byline"),
        ("(Noch keine Bewertungen) Loading...", "widget"),
        ("While you are here…", "promo"),
        (
            "SUGGESTED CITATION Doe, Jane: A post, Blog, 2020/4/09, https://example.org/a/.",
            "citation",
        ),
        ("Externer Inhalt", "widget"),
        ("Keep Reading", "related"),
        ("Mit unserem Newsletter bleiben Sie informiert", "promo"),
        (
            "Keine Neuigkeiten aus der Branche mehr verpassen: Abonnieren Sie den Newsletter.",
            "promo",
        ),
        ("Wenn Ihnen der Artikel gefallen hat: Unterstützen Sie unsere Arbeit", "promo"),
        ("Follow The Example Times on Twitter and Instagram @example", "promo"),
        ("Síguenos en Telegram, Instagram, Facebook y Twitter", "promo"),
        ("For the latest updates download the Example News apps for iOS and Android.", "promo"),
        ("Subscribe now to our e-edition for the full story.", "promo"),
        ("To view the full story, please subscribe to The Example Times.", "promo"),
        ("¿Ya sabías que tenemos canal de Telegram? Únete desde tu celular.", "promo"),
        ("We want to hear what you think about this article.", "promo"),
        ("首页 | 上一页 1 2 下一页 | 尾页", "nav"),
        ("« Previous 1 2 3 Next »", "nav"),
        ("加载更多新闻", "widget"),
        ("2192 Shares", "widget"),
        ("Keine Kommentare", "widget"),
        ("Bild anzeigen", "widget"),
        ("Titelbild:", "widget"),
        ("返回搜狐，查看更多", "widget"),
        ("Load more stories", "widget"),
        ("Auch lesen: Drei Tipps für den Winter", "related"),
        ("Lea también: Impiden ingreso a un reportero", "related"),
        ("VEA TAMBIÉN: Estrella de la educación no brilla", "related"),
        ("LE PUEDE INTERESAR: La ficha del senador", "related"),
        ("Read more: Recognizing colonial crimes", "related"),
        ("Czytaj też: Były dowódca wojsk", "related"),
        ("MIRA: Madre se acerca a conocer los motivos", "related"),
        ("Das Thema könnte dich auch interessieren:", "related"),
        ("Mehr Themen:", "related"),
        ("Lesen Sie auch die folgenden Beiträge:", "related"),
        ("> Blog > Politik > Digitalpolitische Jahrestagung 2015", "nav"),
        ("Home » News » World", "nav"),
        ("A fracking rig in the hills of Pennsylvania © Jane Doe", "caption"),
        ("Link zum Artikel", "widget"),
        ("Photograph by Jane Doe", "caption"),
        ("Foto: dpa", "caption"),
        ("Weitere Informationen", "related"),
        ("Mehr zu Klima und Konsum", "related"),
        ("Lesen Sie hier einen weiteren Artikel zum Thema", "related"),
        ("Kommentarfeed | Kommentare geschlossen | Trackback-URL", "footer"),
        ("Pingback von Another Blog - Notes | 11.09.2011 23:31 […] as seen here", "comments"),
        ("Advertising disclosure: We may receive compensation for some links.", "disclaimer"),
        ("Kaufen Sie über einen Affiliate-Link, erhalten wir eine Provision.", "disclaimer"),
        (
            "Note: Browsers with 1024*768 or higher resolution are suggested for this site.",
            "footer",
        ),
        ("建议使用1024×768以上分辨率浏览本站", "footer"),
        ("About Us Contact Us Advertise with Us", "footer"),
        ("Follow Us", "widget"),
        ("BACK TO THE TOP", "widget"),
        ("Posted in: INDUSTRIES,ECONOMY", "widget"),
        ("Updated 18:22, 20-Apr-2024", "byline"),
        ("字号：大 中 小", "widget"),
        ("图集", "widget"),
        ("+1", "widget"),
        ("关键词 >> 共享充电宝", "widget"),
        ("相关推荐", "related"),
        ("评论（191）", "widget"),
        ("我要跟帖", "widget"),
        ("已输入0字", "widget"),
        ("点击进入“文艺星青年”>>", "promo"),
        ("Apr 20, 2024 10:30 PM", "byline"),
        ("Print Mail Large Medium Small", "share"),
        ("Feedback Print Email Favorite", "share"),
        ("A+ A- Print", "share"),
        ("字号 大 中 小 打印", "share"),
        ("Follow us on:", "widget"),
        ("【字号：大 中 小】【打印】【关闭】", "share"),
        ("[打印本页] [关闭窗口]", "share"),
        ("【纠错】", "share"),
        ("打印 | 关闭", "share"),
        ("Print This Page | Close Window", "share"),
        ("Font size: A A A", "share"),
        ("扫一扫在手机打开当前页", "widget"),
        ("上一篇：某市举行春季运动会", "nav"),
        ("下一篇：长江大桥通车", "nav"),
        ("免责声明：本文来自某某客户端自媒体，不代表本网的观点和立场。", "disclaimer"),
        ("声明：本报力求信息真实、准确，文章提及内容仅供参考，不构成投资建议。", "disclaimer"),
        ("（本文系作者个人观点，不代表本报立场）", "disclaimer"),
        ("本文为某某网原创，转载时务请注明出处。", "copyright"),
        (
            "© 2022, Example.com. This article is the copyrighted property of Example News."
            " Written permission must be obtained before reprint in online or print media."
            " Reprinting content without permission and/or payment is theft and punishable.",
            "copyright",
        ),
        ("Never miss the latest news by signing up to our newsletter today!", "promo"),
        ("Do you want to be informed of our actions? Sign up here", "promo"),
        (
            "Get the Example Daily Edition by email and never miss our top stories Free Sign Up",
            "promo",
        ),
        ("Yes! Sign me up to receive the daily briefing email.", "promo"),
        (
            "I agree my information will be processed in accordance with the Privacy Policy.",
            "promo",
        ),
        (
            "If you're seeing this message but you're already a subscriber, you can log in"
            " for immediate access to this story.",
            "promo",
        ),
        ("Get the latest news straight to your phone with the Example News app.", "promo"),
        ("本文来源于网络，如有侵权，请联系删除。", "copyright"),
        ("This material may not be published, broadcast, rewritten or redistributed.", "copyright"),
        (
            "The views expressed in this article are the author's own and do not necessarily"
            " reflect the editorial stance of Example News.",
            "disclaimer",
        ),
        (
            "Copyright 1995 - 2024. All rights reserved. The content (including but not limited"
            " to text, photo, multimedia information, etc) published in this site belongs to"
            " Example Daily Information Co (EDIC). Without written authorization from EDIC, such"
            " content shall not be republished or used in any form.",
            "copyright",
        ),
    ],
)
def test_boilerplate_lines(line: str, kind: str) -> None:
    assert classify_line(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "他在采访中说，欢迎大家关于我们的工作提出意见，我们会认真研究。",
        "该作品的版权所有者为作者本人。",
        "The committee said it would contact us about the proposal next week.",
        "About us, the critics were wrong.",
        "Comments from readers poured in after the vote.",
        "Related stories ran in three other papers that week.",
        "Die Anzeige wurde am Montag erstattet.",
        "Anzeige gegen den Bürgermeister - die Polizei ermittelt seit Montag in dem Fall.",
        "Contact us for more, the sign said.",
        "Am 03.04.2020 begann der Lockdown.",
        "Der Zug fährt um 20:37 ab.",
        "Citation needed, the editors wrote.",
        "Weitere Themen zum Abschluss waren die Wahl und das Budget.",
        "Mehr zum Thema sagt er nichts",
        "Auch bei uns gab es Streit.",
        "Mira the cat slept: nobody woke her.",
        "Lea said: the vote is due on Friday.",
        "Previous versions of the law, next steps",
        "下一页的内容很长，我们继续讲故事。",
        "No comments yet, the mayor said.",
        "2 shares were sold on Monday.",
        "Bild anzeigen lassen wir uns nicht.",
        "He urged supporters to follow him on Twitter and Facebook.",
        "Like many others on Facebook, she shared the video.",
        "Users can download the Signal app for iOS since Monday, the firm said.",
        "Subscribers can read the full story in Friday's paper.",
        "Lea: Ja, genau, so war es damals.",
        "Mira: Ich fand das gar nicht lustig.",
        "Read more carefully: the clause was changed.",
        "She asked Feb to stay at home that night.",
        "Mehr zu tun gab es in diesem Jahr für die Feuerwehr als je zuvor, sagte er.",
        "The company said it may receive compensation from the state.",
        "Der Verein will die Schulen mit Spenden unterstützen, sagte sie.",
        "The newsletter, founded in 1990, went out to members every week.",
        "If a > b and b > c then a > c holds.",
        "Photos of the event were taken by our staff and show the crowd.",
        "The logo, marked © on every can, was designed in 1971 by a student in Ohio.",
        "他说，图集里有很多照片。",
        "关注民生是政府的责任。",
        "下载客户端的人数超过一亿，公司表示。",
        "扫描二维码就能付款，他说，这很方便。",
        "阅读全文需要登录。",
        "Continue reading to learn why the vote failed.",
        "Home prices fall again in March as rates rise",
        "首页新闻体育财经都在这里",
        "Save the date: the festival opens on 3 May.",
        "Tweet by tweet, the row grew louder.",
        "Also read the report the council published.",
        "Like this, the plan would fail.",
        "5 minutes ago the house was still standing.",
        "The editors' recommendations were ignored by the board.",
        "At 08:09 GMT the ship left the harbour.",
        "关键词的选择很重要，他说。",
        "+1 这是我们的看法，他补充道。",
        "The screen's resolution is recommended by the makers, who tested it for a year.",
        "Follow us, the guide said, and we walked on into the dark forest for an hour.",
        "Small Medium Large",
        "他说，打印机已经关闭了。",
        "Close the window, she said.",
        "上一篇文章写到了这个问题。",
        "他说，这是为你推荐的一份礼物。",
        "热门文章往往不是最好的文章。",
        "扫一扫就能付款，他说。",
        "Font size matters: a lot",
        "他表示这不代表政府立场。",
        "Residents have until Friday to sign up.",
        "Those interested can sign up now at the town hall.",
        "He said he would never miss the top stories of the day.",
        "I agree my information is mine, she said.",
        "Get the latest news app, the ad said, and he did.",
        "他说，转载文章时应注明出处，这是对作者的尊重。",
        "他说如有侵权行为，将依法追究。",
        "图片来自网络上的一段视频，警方正在核实真伪，尚未公布结果。",
        "The court said the photos may not be reproduced without permission.",
        "声明称，央行依然高度关注通胀风险。",
        "两国领导人签署了联合声明，表示不代表任何第三方。",
        "The views expressed by residents at the meeting do not necessarily reflect the plan.",
        'Disclaimer: if you see different patch sizes when you press "update", that is fine.',
        "Share your comments below, large or small.",
        "Am 3. Februar 2022 um 21:17 Uhr begann das Spiel.",
        "Donnerstag, 03. Februar 2022",  # heads a day of a schedule
        "Date night ideas",
        "Date",  # heads a column of a table
        "Stand up for your rights",
        "On May 16, 2012 the company said it would close.",
        "Monday was a good day for the team.",
        "This entry was posted by mistake, the editor said, and it was taken down within the hour.",
        "Der Beitrag wurde am Montag von der Redaktion gelöscht, weil er Fehler enthielt.",
        "Save the date: a large event in May",
        "Copyright law, the court said in its long ruling, protects the author's work; all"
        " rights reserved by the publisher remain with it, and the case now goes back to the"
        " lower court, which must decide on damages within the next year, lawyers said.",
    ],
)
def test_prose_is_kept(line: str) -> None:
    assert classify_line(line) is None


def test_licences_are_site_facts() -> None:
    found = find_licences("京ICP证000022号 京公网安备 11010502000001号\n粤B2-20080118")
    assert [(x.kind, x.number) for x in found] == [
        ("icp_licence", "京ICP证000022号"),
        ("public_security_filing", "京公网安备 11010502000001号"),
    ]


def _page(extra: str) -> str:
    return f"<html><body><div class='story'>{PROSE}</p>{PROSE}</p></div>{extra}</body></html>"


def test_consent_banner_english() -> None:
    banner = (
        "<div class='notice-bar'><p>We use cookies to improve your experience. "
        "Read our <a href='/c'>Cookie Policy</a>.</p><a href='#'>Accept</a></div>"
    )
    article = extract(_page(banner), "https://x.example/a")
    assert "cookies" not in article.text
    assert any(r.kind == "consent" for r in article.boilerplate_removed)


def test_consent_banner_german() -> None:
    banner = (
        "<div class='hinweis'><span>Diese Website verwendet Cookies. Mit der Nutzung "
        "stimmen Sie zu.</span><button>Alle akzeptieren</button></div>"
    )
    article = extract(_page(banner), "https://x.example/a")
    assert "Cookies" not in article.text
    assert "Alle akzeptieren" not in article.text


def test_page_about_cookies_keeps_its_text() -> None:
    about = (
        "<html><body><article><h1>How websites track you</h1>"
        "<p>Many sites say we use cookies to remember visitors, and the law requires a "
        "notice. Read the <a href='/law'>law</a> here.</p>"
        + PROSE
        + "</p>"
        + PROSE
        + "</p></article></body></html>"
    )
    article = extract(about, "https://x.example/cookies")
    assert "Many sites say we use cookies" in article.text


def test_footer_links_only_as_whole_lines() -> None:
    page = _page("").replace(
        "</div>", "<p>他说：关于我们的报道，请联系我们的编辑部，我们将尽快答复。</p></div>", 1
    )
    article = extract(page, "https://x.example/a")
    assert "关于我们的报道" in article.text


@pytest.mark.parametrize(
    ("classes", "kept"),
    [
        ("card margin-bottom", True),  # utility class, not a footer
        ("mosaic-tile mosaic-position-leftmost", True),  # layout placement, not a breadcrumb
        ("teaser hidden-xs", True),  # hidden on phones only
        ("story pull-right", True),
        ("site-bottom", False),
        ("breadcrumb-position", False),
        ("widget hidden", False),
        ("object-presentation_location box", True),  # a section named after its topic
        ("location", False),  # the breadcrumb box of Chinese CMSs
    ],
)
def test_utility_classes_do_not_name_chrome(classes: str, kept: bool) -> None:
    import lxml.html

    from parsers.options import DEFAULT_OPTIONS
    from parsers.prune import prune

    doc = lxml.html.document_fromstring(
        f'<html><body><div class="{classes}"><p>Short words here.</p></div></body></html>'
    )
    prune(doc, DEFAULT_OPTIONS)
    assert ("Short words here." in doc.text_content()) is kept


_NAMES = st.lists(
    st.sampled_from(
        [
            "share",
            "footer",
            "site-footer",
            "article-body",
            "content",
            "nav",
            "main-nav",
            "related",
            "col-md-8",
            "margin-bottom",
            "hidden",
            "comments",
            "post-123",
            "x",
            "vjs-control",
            "gallery",
            "tags",
            "cookie",
            "ad",
            "header",
            "sidebar",
            "text",
        ]
    ),
    min_size=1,
    max_size=5,
)


def _joined_names_kind(names: str) -> str | None:
    """The rules applied to the whole "class id" string, as they are written."""
    names = " ".join(n for n in names.split() if not prune_rules.UTILITY_CLASS.match(n))
    if prune_rules.PROTECT.search(names):
        return None
    return next((kind for pattern, kind in prune_rules.TOKEN_KINDS if pattern.search(names)), None)


@given(_NAMES)
def test_a_class_strings_kind_follows_from_its_names(names: list[str]) -> None:
    # prune reads a "class id" string name by name (cached per name): no rule may match
    # across names, and the first kind in rule order wins whatever the names' order.
    joined = " ".join(names)
    assert _names_kind(joined) == _joined_names_kind(joined)


def test_licence_scan_reads_only_hinted_text_nodes() -> None:
    page = (
        "<html><body><div>" + PROSE + "</p></div><div class='ft'><span>京ICP证000022号</span>"
        "<a>Registration Number: 130349</a></div></body></html>"
    )
    numbers = {(x.kind, x.number) for x in extract(page, "https://x.example/").site.licences}
    assert numbers == {("icp_licence", "京ICP证000022号"), ("registration", "130349")}


def test_licence_number_in_a_link_after_its_label_is_read_with_it() -> None:
    """Footers wrap the number alone in a link or span: the label's line is read whole."""
    page = (
        "<html><body><div>" + PROSE + "</p></div><div class='ft'>"
        "<p>License for publishing multimedia online <a href='#'>0108263</a></p>"
        "<p>互联网新闻信息服务许可证：<span>50120220004</span> "
        "<a>京公网安备</a> <a>11010802027341号</a></p></div></body></html>"
    )
    numbers = {(x.kind, x.number) for x in extract(page, "https://x.example/").site.licences}
    assert numbers == {
        ("multimedia_licence", "0108263"),
        ("news_licence", "50120220004"),
        ("public_security_filing", "京公网安备 11010802027341号"),
    }


def test_licences_in_a_long_script_state_are_read_around_their_hint_words() -> None:
    """A footer kept in a script's state JSON: only the text near each hint word is read,
    and the licence's line is that neighbourhood, not the script's first 300 characters."""
    filler = '{"k": "' + "x" * 40_000 + '"}, '
    state = (
        "window.__STATE__ = ["
        + filler
        + '{"footer": "渝ICP备20009753号-2"}, '
        + filler
        + '{"beian": "京公网安备 11010802027341号"}, '
        + filler
        + "];"
    )
    page = f"<html><body><div>{PROSE}</p></div><script>{state}</script></body></html>"
    licences = extract(page, "https://x.example/").site.licences
    assert {(x.kind, x.number) for x in licences} == {
        ("icp_filing", "渝ICP备20009753号-2"),
        ("public_security_filing", "京公网安备 11010802027341号"),
    }
    assert all(len(x.text) <= 300 and x.number in x.text for x in licences)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Jane Doe", True),
        ("Interview JANE DOE", True),
        ("Von Jane Doe und John Roe", True),
        ("Jane Doe said the vote was close.", False),
        ("Jane", False),
    ],
)
def test_author_lines(line: str, expected: bool) -> None:
    assert is_author_line(line, ["Jane Doe", "John Roe"]) is expected


def test_teasers_after_the_closing_editor_line_go() -> None:
    """Chinese portals close the article with its editor line; teasers follow it."""
    paragraph = (
        "<p>"
        + "中国半导体产业的结构问题需要长期解决，专家在会上指出了三个方面的原因。" * 4
        + "</p>"
    )
    page = (
        "<html><body><div class='article'>" + paragraph * 3 + "<p>责任编辑：刘响</p>"
        "<p>观察员</p><p>【逸语道破】美企撤离中国？相反，他们的迟疑正在消散</p></div></body></html>"
    )
    article = extract(page, "https://example.cn/a")
    assert "观察员" not in article.text
    assert "逸语道破" not in article.text
    assert article.editor == "刘响"
    assert ("related", "观察员") in {(r.kind, r.text) for r in article.boilerplate_removed}


def test_a_pager_under_the_closing_editor_line_ends_the_article() -> None:
    """A short article, its editor line, a pager, then the site's feed of teasers: the feed
    goes, however long it is; the editor line stays as the article's last line."""
    paragraph = (
        "<p>" + "谈判在开罗举行，各方代表就停火方案交换了意见，但没有达成协议。" * 4 + "</p>"
    )
    teaser = (
        "<div><h3>港珠澳大桥今年出入境客流突破1000万人次</h3><p>5月21日，港珠澳大桥边检站"
        "对外公布，据统计，今年截至5月21日，经港珠澳大桥珠海公路口岸出入境旅客突破千万。"
        "【详细】</p><p>强图打榜 2024-05-22 08:39:30</p></div>"
    )
    page = (
        "<html><body><div class='article'>" + paragraph * 2 + "<p>责任编辑：张毅</p>"
        "<p>首页 | 上一页 1 下一页 | 尾页</p>" + teaser * 6 + "<p>加载更多新闻</p>"
        "</div></body></html>"
    )
    article = extract(page, "https://example.cn/a")
    assert "港珠澳大桥" not in article.text
    assert article.text.endswith("责任编辑：张毅")
    kinds = {(r.kind, r.text) for r in article.boilerplate_removed}
    assert ("nav", "首页 | 上一页 1 下一页 | 尾页") in kinds
    assert any(kind == "related" and "港珠澳大桥" in text for kind, text in kinds)


def test_a_pager_inside_the_article_cuts_nothing() -> None:
    """A paged article: the pager goes, the text after it stays."""
    paragraph = (
        "<p>" + "谈判在开罗举行，各方代表就停火方案交换了意见，但没有达成协议。" * 2 + "</p>"
    )
    page = (
        "<html><body><div class='article'>"
        + paragraph * 2
        + "<p>上一页 1 2 下一页</p>"
        + paragraph.replace("谈判", "会谈") * 2
        + "</div></body></html>"
    )
    text = extract(page, "https://example.cn/a").text
    assert "上一页" not in text
    assert text.count("会谈在开罗举行") == 4


def test_an_editor_line_early_in_the_body_cuts_nothing() -> None:
    paragraph = (
        "<p>" + "专家在会上指出了三个方面的原因，并提出了具体的建议和长期的规划。" * 4 + "</p>"
    )
    page = (
        "<html><body><div class='article'><p>编辑：王五</p>"
        + paragraph * 3
        + "</div></body></html>"
    )
    assert extract(page, "https://example.cn/a").text.count("专家在会上") == 12


def test_a_transcript_line_ends_the_teaser_run() -> None:
    """ "Korinna Muster: Aus China." is the transcript going on after the box, not a teaser."""
    page = (
        "<html><body><article>"
        + PROSE * 2
        + "<p>Weitere Informationen</p><p>Was Sie zum Virus wissen müssen</p>"
        "<p>Korinna Muster: Aus China.</p><p>Anna Beispiel: Ja, genau.</p>"
        + "<p>"
        + "The final paragraph is prose again, long enough to end the run of teasers. " * 5
        + "</p></article></body></html>"
    )
    text = extract(page, "https://x.example/a").text
    assert "Was Sie zum Virus wissen" not in text
    assert "Korinna Muster: Aus China." in text
    assert "Anna Beispiel: Ja, genau." in text


LONG_HEADING = "The council will vote on the budget next week, and members said so " * 2


@pytest.mark.parametrize(
    ("closing", "heading", "kept"),
    [
        ("<h2>Teilnehmende Blogs:</h2>", "Teilnehmende Blogs:", False),
        ("<h3>Keine Lust alleine zu radeln?</h3>", "Keine Lust alleine zu radeln?", False),
        ("<h2>News</h2><h3>More from the harbour</h3>", "News", False),
        ("<h2>The vote is due on Friday.</h2>", "The vote is due on Friday.", True),
        (f"<h2>{LONG_HEADING}</h2>", LONG_HEADING.strip(), True),  # a paragraph as heading
    ],
)
def test_a_heading_that_ends_the_body_heads_nothing(closing: str, heading: str, kept: bool) -> None:
    """What such a heading introduced (a blogroll, related stories) went as chrome; a
    statement may head a section on the next page."""
    page = (
        "<html><body><article><h2>How the vote went</h2>"
        + PROSE * 2
        + "</p>"
        + closing
        + "<ul class='related'><li><a href='/a'>Other story</a></li></ul>"
        "</article></body></html>"
    )
    article = extract(page, "https://x.example/a")
    assert (heading in article.text) is kept
    assert (("related", heading) in {(r.kind, r.text) for r in article.boilerplate_removed}) is (
        not kept
    )
    assert "How the vote went" in article.text  # a heading followed by prose stays


def test_teaser_links_after_a_related_heading_go_with_it() -> None:
    page = (
        "<html><body><article>"
        + PROSE * 2
        + "<p>Mehr lesen:</p><p>Coach names the squad for the spring tie</p>"
        "<p>Junior teams announced for next season</p>"
        + "<p>"
        + "The final paragraph is prose again, long enough to end the run of teasers. " * 5
        + "</p></article></body></html>"
    )
    article = extract(page, "https://x.example/a")
    assert "Mehr lesen" not in article.text
    assert "Coach names the squad" not in article.text
    assert "Junior teams announced" not in article.text
    assert "The final paragraph is prose again" in article.text
    assert ("related", "Coach names the squad for the spring tie") in {
        (r.kind, r.text) for r in article.boilerplate_removed
    }


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Bridge reopens after repairs", True),
        ("Bridge reopens after repairs | The Daily Harbour News", True),
        ("Bridge reopens", True),  # a cut headline
        (
            "Bridge reopens after repairs, the city said on Monday, after two years of work "
            "and a long dispute over the cost with the contractor.",
            False,
        ),
    ],
)
def test_headline_lines(line: str, expected: bool) -> None:
    assert is_title(line, "Bridge reopens after repairs") is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("石佳/中国青年报", True),  # reporter / outlet, the byline of Chinese portals
        ("李四/澎湃新闻", True),
        ("By ANN LEE | example.com.cn | Updated: 2024-04-16 10:35", True),
        ("中国/美国关系", False),
        ("石佳/中国青年报记者张三报道称", False),
    ],
)
def test_byline_lines(line: str, expected: bool) -> None:
    assert is_byline(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # the wire lead names the reporter, but it is the article's first sentence
        ("新华社北京5月9日电（记者张三）本市今天举行了春季运动会，三千名学生参加了比赛。", False),
        ("（记者 张三）", True),
        ("来源：新华网 | 2024年05月09日 | 作者：张三", True),
        ("By Ann Lee, Beijing. Updated May 9.", True),
    ],
)
def test_a_line_the_metadata_read_is_a_byline_unless_it_is_prose(line: str, expected: bool) -> None:
    assert is_byline(line, byline_texts=[line]) is expected
