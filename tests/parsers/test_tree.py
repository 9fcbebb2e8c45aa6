"""parsers.tree: the parsed tree has lxml.html's element classes; long tags lose attributes."""

from __future__ import annotations

import lxml.html

from parsers import tree


def test_element_classes_are_lxml_html_ones() -> None:
    doc = tree.parse_html(
        "<html><body><form><label>L</label><input name=q><select></select>"
        "<textarea></textarea></form><p>x</p></body></html>"
    )
    assert doc is not None
    classes = {el.tag: type(el) for el in doc.iter()}
    assert classes["form"] is lxml.html.FormElement
    assert classes["input"] is lxml.html.InputElement
    assert classes["label"] is lxml.html.LabelElement
    assert classes["select"] is lxml.html.SelectElement
    assert classes["textarea"] is lxml.html.TextareaElement
    assert classes["p"] is lxml.html.HtmlElement
    paragraph = doc.find("body/p")
    assert paragraph is not None and paragraph.text_content() == "x"


def test_a_tag_with_too_many_attributes_keeps_its_name_only() -> None:
    attributes = " ".join(f"a{i}=x" for i in range(tree._MAX_ATTRIBUTES + 1))
    doc = tree.parse_html(f"<html><body><div {attributes} {'b' * 70_000}=y>t</div></body></html>")
    assert doc is not None
    div = doc.find("body/div")
    assert div is not None and not div.attrib and div.text == "t"


def test_a_long_tag_with_few_attributes_is_kept() -> None:
    doc = tree.parse_html(f'<html><body><img src="data:,{"x" * 70_000}"></body></html>')
    assert doc is not None
    img = doc.find("body/img")
    assert img is not None and len(img.get("src", "")) == 70_006


def test_text_is_parsed_as_given_whatever_charset_the_page_declares() -> None:
    # parse_html hands libxml2 UTF-8 bytes: a declared charset must not re-decode them.
    for charset in ("gbk", "iso-8859-1", "shift_jis", "utf-16"):
        doc = tree.parse_html(
            f'<html><head><meta charset="{charset}"><meta http-equiv="Content-Type" '
            f'content="text/html; charset={charset}"></head><body><p>中文 ü</p></body></html>'
        )
        assert doc is not None
        paragraph = doc.find(".//p")
        assert paragraph is not None and paragraph.text == "中文 ü", charset


def test_characters_lxml_refuses_are_left_out() -> None:
    doc = tree.parse_html("<html><body><p>a\x01b\x0bc\ud800d\ufffee\uffff</p></body></html>")
    assert doc is not None
    paragraph = doc.find(".//p")
    assert paragraph is not None and paragraph.text == "abcde"
    paragraph.text = paragraph.text  # lxml accepts the text back
    assert tree.parse_html("\x01\x02 \x1c\ud800") is None


def test_shown_text_is_the_body_text_without_scripts_and_styles() -> None:
    doc = tree.parse_html(
        "<html><head><script>var head = 1;</script></head><body><p>By Ann Lee</p>"
        '<script>{"author": "x", "a": 1}</script><style>p { color: red }</style>'
        "<div>Author: Bo<script></script>b</div><script>var a = 'Author:';</script>tail"
        "</body></html>"
    )
    assert doc is not None
    assert tree.body_text(doc) == (
        'By Ann Lee{"author": "x", "a": 1}p { color: red }Author: Bobvar a = \'Author:\';tail'
    )
    assert tree.shown_text(doc) == "By Ann LeeAuthor: Bobtail"
    assert tree.shown_text(doc, tree.body_text(doc)) == tree.shown_text(doc)
