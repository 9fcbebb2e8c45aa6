"""The benchmark's independent boilerplate-leak checker (bench/leaks.py), on synthetic lines.

Every line here is made up for the test (shaped after ../shared/BOILERPLATE.md); none is taken
from a devdata page.
"""

from __future__ import annotations

import pytest

from bench.leaks import KINDS, find_leaks, leaks_by_kind, line_kinds, tally

# (line, the kind it is tallied under)
POSITIVES = [
    ("示例网 版权所有 渝ICP备20009753号-2", "icp_filing"),
    ("京ICP备05005746", "icp_filing"),
    ("ICP备案号：滇ICP备12345678号", "icp_filing"),
    ("ＩＣＰ备１２３４５６７８号", "icp_filing"),  # full-width forms
    ("京ICP证000022号", "icp_licence"),
    ("ICP许可证号：晋B2-20040032", "icp_licence"),
    ("增值电信业务经营许可证：粤B2-20080118", "telecom_licence"),
    ("黔B2-20190001", "telecom_licence"),
    ("京公网安备 11010502000001号", "public_security_filing"),
    ("公安机关备案号：51010402000123", "public_security_filing"),
    ("互联网新闻信息服务许可证号:50120220004", "news_licence"),
    ("网络文化经营许可证 京网文[2020]5494-1075号", "other_licence"),
    ("信息网络传播视听节目许可证", "other_licence"),  # a footer link: short line, no number
    ("违法和不良信息举报电话：010-12345678", "hotline"),
    ("中国互联网违法和不良信息举报中心", "hotline"),
    ("举报电话 12377", "hotline"),
    (
        "Internet illegal and undesirable information can be reported by calling this number",
        "hotline",
    ),
    ("We use cookies to improve your experience. Accept", "consent"),
    ("This website uses cookies.", "consent"),
    (
        "By continuing to browse our site you agree to our use of cookies and our Privacy Policy.",
        "consent",
    ),
    ("Accept all cookies", "consent"),
    ("I agree", "consent"),
    ("Cookie Policy", "consent"),
    ("Wir verwenden Cookies, um Ihnen ein schönes Erlebnis zu bieten.", "consent"),
    ("Diese Website verwendet Cookies. Mehr erfahren", "consent"),
    ("Alle akzeptieren", "consent"),
    ("Alle akzeptieren Auswahl speichern & schließen", "consent"),
    ("Cookie-Einstellungen", "consent"),
    ("Datenschutzeinstellungen", "consent"),
    ("Mit der weiteren Nutzung dieser Seite stimmen Sie der Verwendung von Cookies zu.", "consent"),
    ("Um dir ein besseres Angebot zu machen, nutzen wir Cookies. Mehr erfahren", "consent"),
    ("Akzeptieren Beispiel Video", "consent"),  # one service row of a consent dialog
    ("Cookie Laufzeit 1 Jahr", "consent"),
    ("Notwendige Cookies", "consent"),  # a category heading of a consent dialog
]

# Prose that merely mentions cookies, licences or the reporting centre: not boilerplate.
NEGATIVES = [
    "Many sites say we use cookies, but few readers know what that means.",
    "We use cookies every day without thinking about it, the researcher said.",
    "When a banner says 'This website uses cookies', most people click without reading.",
    "The bakery sold 400 cookies on Saturday, and the chocolate ones went first.",
    "Cookies",
    "Consent",
    "Die Verbraucherzentrale kritisiert, dass 'Alle akzeptieren' oft größer ist als 'Ablehnen'.",
    "Wie wir Cookies verwenden, erklärt der Datenschutzbeauftragte in einem langen Interview.",
    "Ich muss dem Kollegen zustimmen: die Einigung kam zu spät.",
    "中国互联网违法和不良信息举报中心发布的数据显示，今年上半年全国各级网络举报部门受理的举报数量继续增长。",
    "工信部要求，网站应当在开通服务前办理ICP备案，并在首页底部显示备案编号。",
    "该公司去年取得了网络文化经营许可证，此后业务增长较快，收入比上一年度翻了一番。",
    "他说，版权所有者应当得到合理的报酬。",
    "The ICP company reported record profits this quarter.",
    "",
    "   ",
]


@pytest.mark.parametrize(("line", "kind"), POSITIVES)
def test_boilerplate_line_is_a_leak(line: str, kind: str) -> None:
    kinds = line_kinds(line)
    assert kinds, f"not flagged: {line!r}"
    assert kinds[0] == kind


@pytest.mark.parametrize("line", NEGATIVES)
def test_prose_is_not_a_leak(line: str) -> None:
    assert line_kinds(line) == ()


def test_every_kind_is_known() -> None:
    assert {kind for _, kind in POSITIVES} == set(KINDS)


def test_find_leaks_reports_lines_in_order_and_skips_the_article() -> None:
    text = (
        "一段正文，讲述本市的新闻。\n\n"
        "Wir verwenden Cookies. Alle akzeptieren\n"
        "The article continues here.\n"
        "京ICP备12345678号  京公网安备 11010502000001号"
    )
    leaks = find_leaks(text)
    assert [leak.kind for leak in leaks] == ["consent", "icp_filing"]
    assert leaks[1].kinds == ("icp_filing", "public_security_filing")
    assert leaks[1].line.startswith("京ICP备")


def test_weak_forms_count_on_a_footer_row() -> None:
    # two weak markers on one long line: a footer row, not prose
    row = (
        "关于我们 | 联系我们 | 网络文化经营许可证 | 增值电信业务经营许可证 | "
        "广告服务 | 网站地图 | 法律声明"
    )
    assert set(line_kinds(row)) == {"telecom_licence", "other_licence"}


def test_long_line_is_never_a_consent_notice() -> None:
    assert line_kinds("We use cookies. Accept. " + "word " * 400) == ()


def test_grouping_and_tally() -> None:
    texts = ["Alle akzeptieren\nCookie-Einstellungen\nText.", "京ICP证000022号", None, ""]
    assert leaks_by_kind(texts[0]) == {"consent": ["Alle akzeptieren", "Cookie-Einstellungen"]}
    assert tally(texts) == {"consent": 2, "icp_licence": 1}
