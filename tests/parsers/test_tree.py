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
