"""Stage 5: the article's language.

The declared language (`<html lang>`, `og:locale`, `content-language`) is taken when the
body is too short to judge or when the detector agrees; on a long body, a confident
detection overrides a declaration that disagrees (templates often hard-code `lang="en"`).
A body whose opening is plainly in the declared language (its function words, or its script:
`parsers.rules.languages`) keeps the declaration without running the detector, which could
only agree.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from py3langid import langid

from parsers.rules import languages as langs

# Below this many characters the detector is unreliable; trust the declaration.
_MIN_DETECT_CHARS = 200
# The detector reads at most this much of the body: its cost grows with the text (py3langid
# walks the UTF-8 bytes in Python). On devdata the first 1,000 characters give the same
# language as the first 5,000 for every body of 200 characters or more.
_DETECT_CHARS = 1000
# py3langid's normalised probability above which a detection overrides a declaration.
# Set by looking at devdata pages whose template declares the wrong language.
_OVERRIDE_CONFIDENCE = 0.95
# Three-letter values of `lang` that name no language: ISO 639-2's special codes
# (undetermined, multiple, uncoded, no linguistic content) and charset names that templates
# put in the wrong attribute (lang="utf-8", lang="iso-8859-1").
_NOT_LANGUAGES = frozenset({"und", "mul", "mis", "zxx", "utf", "iso"})


@cache
def _identifier() -> Any:
    """The model loads once, on first use (it takes about half a second)."""
    return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)


def load_model() -> None:
    """Load the detector's model now rather than on the first page that needs it."""
    _identifier()


def choose_language(declared: str | None, text: str) -> tuple[str | None, str | None]:
    """Return (language code, source) where source is "meta" or "text"."""
    declared = _primary(declared)
    if len(text) < _MIN_DETECT_CHARS:
        return (declared, "meta") if declared else (None, None)
    opening = text[:_DETECT_CHARS]
    if declared and _confirmed(declared, opening):
        return declared, "meta"
    detected, confidence = _identifier().classify(opening)
    if declared and (detected == declared or confidence < _OVERRIDE_CONFIDENCE):
        return declared, "meta"
    return str(detected), "text"


def _confirmed(declared: str, opening: str) -> bool:
    """Is the opening plainly in the declared language (`parsers.rules.languages`)? Then
    the detector could only agree with the declaration."""
    if declared in ("zh", "ja", "ko"):
        return _script_confirms(declared, opening)
    own = langs.FUNCTION_WORDS.get(declared)
    if own is None:
        return False
    words = [w.lower() for w in langs.WORD_RE.findall(opening)]
    hits = sum(1 for w in words if w in own)
    if hits < langs.CONFIRM_MIN_HITS or hits < len(words) * langs.CONFIRM_SHARE:
        return False
    rivals = (
        sum(1 for w in words if w in other)
        for code, other in langs.FUNCTION_WORDS.items()
        if code != declared
    )
    return all(hits >= rival * langs.CONFIRM_MARGIN for rival in rivals)


def _script_confirms(declared: str, opening: str) -> bool:
    letters = len(opening) - opening.count(" ")
    kana = len(langs.KANA_RE.findall(opening))
    hangul = len(langs.HANGUL_RE.findall(opening))
    if declared == "ko":
        return hangul >= letters * langs.SCRIPT_SHARE
    han = len(langs.HAN_RE.findall(opening))
    if declared == "ja":
        return kana >= letters * langs.KANA_SHARE and kana + han >= letters * langs.SCRIPT_SHARE
    return not kana and not hangul and han >= letters * langs.SCRIPT_SHARE


def _primary(code: str | None) -> str | None:
    """'en-US' -> 'en', 'zh_CN' -> 'zh'; None for what names no language ('utf-8')."""
    if not code:
        return None
    primary = code.strip().replace("_", "-").split("-")[0].lower()
    if not (2 <= len(primary) <= 3 and primary.isalpha()) or primary in _NOT_LANGUAGES:
        return None
    return primary
