"""The article's language: the declaration, checked against the body text."""

from __future__ import annotations

import pytest

from parsers import language
from parsers.language import choose_language

GERMAN = (
    "Die Stadtverwaltung hat am Montag angekündigt, dass die Brücke über den Fluss im "
    "Frühjahr für drei Monate gesperrt wird. Die Bauarbeiten sollen den Verkehr in der "
    "Innenstadt entlasten, sagte die Bürgermeisterin bei einer Pressekonferenz im Rathaus."
)
ENGLISH = (
    "The city council announced on Monday that the bridge over the river will close for "
    "three months in the spring. The works are meant to ease traffic in the town centre, "
    "the mayor told reporters at a press conference in the town hall on Monday afternoon."
)


def test_short_body_keeps_the_declaration() -> None:
    assert choose_language("de-DE", "Kurz.") == ("de", "meta")
    assert choose_language(None, "Kurz.") == (None, None)


def test_a_declaration_the_text_confirms_is_kept() -> None:
    assert choose_language("en_GB", ENGLISH) == ("en", "meta")


def test_a_confident_detection_overrides_a_wrong_template_declaration() -> None:
    assert choose_language("en", GERMAN) == ("de", "text")


def test_no_declaration_takes_the_detection() -> None:
    assert choose_language(None, GERMAN) == ("de", "text")


@pytest.mark.parametrize("declared", ["utf-8", "UTF-8", "iso-8859-1", "und", "zxx", "x", "12"])
def test_values_that_name_no_language_are_no_declaration(declared: str) -> None:
    assert choose_language(declared, "Kurz.") == (None, None)
    assert choose_language(declared, GERMAN) == ("de", "text")


@pytest.mark.parametrize(
    ("declared", "code"), [("fil", "fil"), ("haw-US", "haw"), ("zh-Hans", "zh")]
)
def test_three_letter_and_script_tagged_codes_are_languages(declared: str, code: str) -> None:
    assert choose_language(declared, "Kurz.") == (code, "meta")


def _no_detector() -> None:
    raise AssertionError("the detector ran")


@pytest.mark.parametrize(
    ("declared", "text"),
    [
        ("de", GERMAN * 2),
        ("en-US", ENGLISH * 2),
        ("zh-CN", "市政府今天宣布，河上的大桥将在春季关闭三个月，以便进行维修。" * 6),
    ],
)
def test_a_declaration_its_own_words_confirm_skips_the_detector(
    declared: str, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(language, "_identifier", _no_detector)
    assert choose_language(declared, text) == (declared[:2], "meta")


@pytest.mark.parametrize(
    ("declared", "text"),
    [
        ("en", GERMAN * 2),  # German words do not confirm English
        ("zh", "市政府は今日、川にかかる橋を春に三か月間閉鎖すると発表しました。" * 8),  # kana
        ("de", "Die Brücke. " + ENGLISH * 2),  # a few German words among English ones
    ],
)
def test_a_declaration_its_words_do_not_confirm_goes_to_the_detector(
    declared: str, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(language, "_identifier", _no_detector)
    with pytest.raises(AssertionError, match="the detector ran"):
        choose_language(declared, text)
