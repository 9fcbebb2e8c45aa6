"""Function words that confirm a page's declared language without the statistical detector.

`parsers.language` runs py3langid on a body of `_MIN_DETECT_CHARS` or more to catch
templates that declare the wrong language. When the body's opening is plainly written in the
declared language, the detector can only agree, and it is the most expensive step after
parsing (about 0.7 ms a page). These lists are the twenty most frequent words of each
language; a declared language is confirmed when its words are at least CONFIRM_SHARE of the
opening's words, CONFIRM_MIN_HITS of them, and CONFIRM_MARGIN times as many as any other
listed language's. Chinese, Japanese and Korean are confirmed by their scripts.
Checked on devdata: every page gets the same language as with the detector alone.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": _words("the and of to in is that for with was on are it as be this by at from have"),
    "de": _words(
        "der die und das ist nicht mit den ein eine auf sich dem des von zu auch es im für"
    ),
    "fr": _words("le la les et des est une un du en que qui dans pour pas sur au ce il avec"),
    "es": _words("el la los las de que y en un una por con para es del se no al lo como"),
    "pt": _words("o a os as de que e em um uma do da para com não no na por se é"),
    "it": _words("il la di che e un una per non del della in con sono è al le gli si da"),
    "nl": _words("de het een en van in is dat op te zijn met voor niet die er aan ook als maar"),
    "pl": _words("i w na z się nie do że to jest o jak po a od za co ale dla przez"),
}
CONFIRM_SHARE = 0.12
CONFIRM_MIN_HITS = 12
CONFIRM_MARGIN = 2.0

WORD_RE = re.compile(r"[^\W\d_]+")

# Scripts: Han ideographs, Japanese kana, Korean hangul.
HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
KANA_RE = re.compile(r"[\u3040-\u30ff]")
HANGUL_RE = re.compile(r"[\uac00-\ud7af]")
# Share of the opening's non-space characters the declared script must hold; Japanese
# mixes kanji with kana, and needs KANA_SHARE of kana among them.
SCRIPT_SHARE = 0.3
KANA_SHARE = 0.1
