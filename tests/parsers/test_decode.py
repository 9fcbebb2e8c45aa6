"""Stage 1, bytes -> text: the encoding order, the GB supersets, and Unicode NFC."""

from __future__ import annotations

import unicodedata

from parsers import extract
from parsers.decode import decode_html

# "Müller" as a Mac editor often writes it: "u" followed by the combining diaeresis.
DECOMPOSED = "Mu\u0308ller"
COMPOSED = "M\u00fcller"


def page(title: str, body: str) -> str:
    paragraph = (
        f"<p>{body} sprach lange über die Lage in der Stadt und die Pläne der Verwaltung.</p>"
    )
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>{paragraph * 4}</article></body></html>"
    )


def test_decomposed_letters_come_out_composed() -> None:
    article = extract(
        page(f"Interview mit {DECOMPOSED}", f"Herr {DECOMPOSED}").encode(), "https://example.org/a"
    )
    assert COMPOSED in article.text and DECOMPOSED not in article.text
    assert article.title == f"Interview mit {COMPOSED}"


def test_bytes_and_str_input_are_both_normalised() -> None:
    html = page("Titel", DECOMPOSED)
    from_bytes = decode_html(html.encode("utf-8")).text
    from_str = decode_html(html).text
    assert from_bytes == from_str == unicodedata.normalize("NFC", html)


def test_bengali_nukta_letters_are_composed_the_standard_way() -> None:
    # U+09DF (precomposed YYA) is excluded from composition: NFC spells it U+09AF U+09BC.
    text = decode_html("<p>\u0995\u09c1\u09b7\u09cd\u099f\u09bf\u09df\u09be</p>".encode()).text
    assert "\u09af\u09bc" in text and "\u09df" not in text


def test_gbk_declared_page_decodes_as_gb18030() -> None:
    # 㙟 is in GB18030 but not in GBK: a GBK codec would lose it.
    html = "<meta charset='gbk'><p>重庆新闻 㙟</p>".encode("gb18030")
    decoded = decode_html(html)
    assert decoded.encoding == "gb18030" and "重庆新闻 㙟" in decoded.text


def test_http_charset_wins_over_meta() -> None:
    html = "<meta charset='utf-8'><p>Grüße</p>".encode("cp1252")
    decoded = decode_html(html, {"Content-Type": "text/html; charset=windows-1252"})
    assert "Grüße" in decoded.text
