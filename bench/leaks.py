"""Boilerplate leak counter: which boilerplate lines does an extracted body still hold?

This is an INDEPENDENT checker for the benchmark and the CI gate. Its patterns are written here
from ../shared/BOILERPLATE.md and must not import the engine's rules (`parsers.rules`): an engine
must not grade itself with its own rules.

A text is split into lines (any line break); every non-blank line is tested on its own, after NFKC
(so full-width "ＩＣＰ", "：" and digits match their ASCII forms). A line that matches is one leak,
with every kind it matched, most specific first. Kinds:

    icp_filing, icp_licence, telecom_licence, public_security_filing, news_licence, other_licence,
    hotline   Chinese site-licence, filing and report-hotline lines (and the English hotline line)
    consent   English/German cookie and consent notices and their buttons

Order of precedence, per Chinese kind: a *strong* form (the marker followed by its number or by a
label colon, e.g. "京ICP备05005746", "违法和不良信息举报电话:") counts anywhere; a *weak*
form (the marker alone, e.g. "网络文化经营许可证") counts only on a short line (at most
SHORT_LINE characters and no "。": a footer item) or on a line where two or more kinds match (a
footer row). So prose that merely names an agency or a licence
("中国互联网违法和不良信息举报中心发布的数据显示, ...") is not a leak.

A consent line counts when it reads like a notice, not like prose about cookies:
1. the whole line is a row of button/link words holding a consent verb ("Alle akzeptieren",
   "Accept all cookies", "I agree", "Cookie-Einstellungen", "Alle akzeptieren Speichern"); or a
   dialog row ("Akzeptieren <Service>", "Cookie Name ...", "Notwendige Cookies"); or
2. it holds a second-person consent clause ("you agree to our use of cookies", "stimmen Sie der
   Verwendung von Cookies zu"); or
3. it *starts* with a notice opener in the site's own voice ("We use cookies", "This website uses
   cookies", "By continuing to browse", "Wir verwenden Cookies", "Diese Website verwendet
   Cookies"), going on like a notice (end of sentence, or "to ..."/"um ..."/"auf unserer
   Website"), and is short (OPENER_LINE_MAX) or holds a consent word (accept, agree, settings,
   akzeptieren, zustimmen, Datenschutzerklärung, ...); or
4. a later sentence starts with an opener, or the site speaks in inverted German order ("...,
   nutzen wir Cookies"), and the line holds a consent word.
Lines longer than CONSENT_MAX_LINE characters are never consent notices (banners are short).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

# A footer item or a licence line on its own (the longest weak form,
# "中国互联网违法和不良信息举报中心", is 16 characters); a Chinese prose sentence that
# names a licence or an agency is longer, or ends in "。". Calibrated by reading the lines
# flagged for every tool on devdata/zh and de; re-run
# `python bench/extraction.py --sets zh de --leaks-detail` after changing it.
SHORT_LINE = 30
# BOILERPLATE.md: consent blocks stay under about 1,500 characters.
CONSENT_MAX_LINE = 1500

# Province characters, with the plate-style forms (滇 黔 陇 蜀) that many public patterns miss.
_PROVINCE = "京津沪渝冀豫云滇辽黑湘皖鲁新苏浙赣鄂桂甘陇晋蒙陕吉闽贵黔粤青藏川蜀宁琼港澳台"
_NUM_LABEL = (
    r"(?:号|编号)?\s*:?\s*"  # "号:", "编号: ", ":" or nothing, between a name and its number
)

_OTHER_LICENCES = (
    "网络文化经营许可证",
    "信息网络传播视听节目许可证",
    "广播电视节目制作经营许可证",
    "互联网出版许可证",
    "网络出版服务许可证",
    "互联网药品信息服务资格证书",
)
_OTHER_NAMES = "|".join(_OTHER_LICENCES)


@dataclass(frozen=True, slots=True)
class ZhRule:
    """One Chinese kind: `strong` counts anywhere, `weak` only on a short line or a footer row."""

    kind: str
    strong: re.Pattern[str]
    weak: re.Pattern[str]


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Ordered most specific first: a line's first kind is the one it is tallied under.
ZH_RULES: tuple[ZhRule, ...] = (
    ZhRule(
        "icp_filing",
        _rx(r"ICP\s*备\s*\d{5,}|ICP\s*备案(?:号|编号)\s*:"),
        _rx(r"ICP\s*备案?"),
    ),
    ZhRule(
        "icp_licence",
        _rx(
            r"ICP\s*(?:经营)?(?:许可)?证"
            + _NUM_LABEL
            + r"[\u4e00-\u9fff]{0,2}\s*(?:B\d\s*-\s*)?\d{4,}"
        ),
        _rx(r"ICP\s*(?:经营)?许可证|ICP\s*证"),
    ),
    ZhRule(
        "telecom_licence",
        _rx(rf"[{_PROVINCE}]\s*B[12]\s*-\s*\d{{8}}|增值电信业务经营许可证{_NUM_LABEL}\S"),
        _rx(r"增值电信业务经营许可证|电信业务经营许可证"),
    ),
    ZhRule(
        "public_security_filing",
        _rx(r"公网安备\s*\d{6,}|公安(?:机关)?备案(?:号|编号)\s*:?\s*\d{6,}"),
        _rx(r"公网安备|公安机关备案"),
    ),
    ZhRule(
        "news_licence",
        _rx(r"互联网新闻信息服务许可证" + _NUM_LABEL + r"\d{6,}"),
        _rx(r"互联网新闻信息服务许可证"),
    ),
    ZhRule(
        "other_licence",
        _rx(
            rf"(?:{_OTHER_NAMES}){_NUM_LABEL}[\u4e00-\u9fff]{{0,4}}\s*[\[〔【(]?\d{{4,}}"
            r"|网文\s*[\[〔【(]\d{4}[\]〕】)]\s*\d+"
        ),
        _rx(_OTHER_NAMES),
    ),
    ZhRule(
        "hotline",
        _rx(
            r"(?:违法和)?不良信息举报(?:电话|邮箱|专区|入口)\s*:?"
            r"|违法和不良信息举报\s*:"
            r"|illegal and (?:undesirable|harmful) information"
            r"|information can be reported by calling"
        ),
        _rx(r"违法和不良信息举报|不良信息举报|有害信息举报|举报专区|(?<!\d)12377(?!\d)"),
    ),
)

# --- consent -----------------------------------------------------------------------------------

# Words that may make up a row of consent buttons or links ("Alle akzeptieren Speichern",
# "Cookie-Einstellungen Akzeptieren", "Accept all cookies", "I agree").
_BUTTON_TEXT = """
    accept accepted agree allow all and close continue cookie cookies consent confirm customise
    customize decline essential i it manage my necessary only ok okay options preferences policy
    reject save selection selected settings got more info learn
    ablehnen akzeptiere akzeptieren akzeptiert alle anpassen anzeigen auswahl ausgewählten
    ausblenden bestätigen cookie-einstellungen cookie-einwilligung cookie-hinweis cookie-richtlinie
    cookie-informationen cookieeinstellungen datenschutz-einstellungen datenschutzeinstellungen
    details einstellungen einverstanden einwilligung einwilligungen erfahren essenzielle
    essentielle hinweis ich individuelle informationen mehr mit notwendige nur schließen speichern
    stimme verbergen verstanden verwalten weiter zu zulassen zurück zustimmen ändern &
    und oder or enable disable gdpr aktivieren deaktivieren minimum an
"""
BUTTON_WORDS: frozenset[str] = frozenset(_BUTTON_TEXT.split())
# A button row must hold one of these (so "Notwendige Cookies" or "Cookies" alone is not one).
BUTTON_CORE = _rx(
    r"akzeptier|zustimm|stimme zu|ablehn|einwillig|einverstanden|cookie[- ]?einstellungen"
    r"|datenschutz-?einstellungen|cookie[- ]?hinweis|cookie[- ]?richtlinie"
    r"|cookie[- ]?informationen|accept|agree|reject|decline"
    r"|cookie (?:settings|preferences|policy)|(?:enable|disable) cookies"
    r"|manage cookies|allow (?:all )?cookies|cookies? (?:zulassen|anpassen|verwalten)"
)
BUTTON_ROW_MAX = 80

# Second-person consent clauses: a notice wherever they occur.
CONSENT_CLAUSES = _rx(
    r"\b(?:you )?(?:agree|consent) to (?:the|our) use of cookies"
    r"|\byou accept (?:the|our) use of cookies"
    r"|\bby clicking [\"“']?(?:accept|agree|i agree|ok)"
    r"|\b(?:stimmen sie|stimmst du|willigen sie|willigst du) (?:\S+ ){0,4}?"
    r"(?:cookies?|cookie-\w+|verwendung|nutzung|gebrauch)\b"
    r"|\b(?:akzeptieren sie|akzeptierst du) (?:\S+ ){0,3}?(?:cookies?|cookie-\w+)\b"
    r"|\bsind sie (?:mit|damit) (?:\S+ ){0,4}?cookies (?:\S+ ){0,2}?einverstanden"
)

_SITE = r"(?:web)?(?:site|seite)|internetseite|homepage"
# Notice openers: the first-person voice of a site about its own cookies.
CONSENT_OPENERS = _rx(
    r"(?:we(?: and our partners)?|this (?:web)?site|our (?:web)?site) (?:use|uses) cookies"
    r"|by continuing to (?:browse|use)"
    rf"|wir (?:verwenden|nutzen|setzen|benutzen) (?:\S+ ){{0,4}}?cookies"
    rf"|(?:diese|unsere) (?:{_SITE}) (?:verwendet|nutzt|benutzt) (?:\S+ ){{0,3}}?cookies"
    rf"|auf (?:dieser|unserer) (?:{_SITE}) (?:verwenden|nutzen|setzen) wir"
    rf"|um unsere (?:{_SITE}) für sie optimal zu gestalten"
    rf"|(?:durch die|mit der) (?:weiteren? )?nutzung (?:der|dieser|unserer) (?:{_SITE})"
)
# The inverted German order ("..., nutzen wir Cookies") is a site speaking wherever it stands.
CONSENT_INVERTED = _rx(r"\b(?:verwenden|nutzen|setzen|benutzen) wir (?:\S+ ){0,3}?cookies\b")
_SENTENCE_START = r"(?:^|[.!?]\s+)[^\w\s]{0,3}\s*"
OPENER_AT_START = re.compile(r"^[^\w\s]{0,3}\s*(?:" + CONSENT_OPENERS.pattern + ")", re.IGNORECASE)
OPENER_IN_SENTENCE = re.compile(
    _SENTENCE_START + "(?:" + CONSENT_OPENERS.pattern + ")", re.IGNORECASE
)
# A line that opens with a notice opener is a notice when it is this short (banners are).
OPENER_LINE_MAX = 300
# What follows "We use cookies" / "Wir verwenden Cookies" in a notice: the end of the sentence or
# its purpose ("to", "um", "auf unserer Website", ...); prose goes on differently ("... every day").
OPENER_CONTINUATION = _rx(
    r"\s*(?:$|[.,!:;)]|(?:to|for|and|on|so|that|um|und|auf|für|zur|zum|damit|die|in)\b)"
)

# Words that make a sentence-initial opener deep in a line a notice rather than prose.
CONSENT_WORDS = _rx(
    r"\b(?:accept|agree|consent|opt[- ]out|cookie (?:settings|policy|preferences)|privacy policy"
    r"|manage (?:cookies|preferences|settings)|learn more|more info|find out more|read more"
    r"|akzeptier|zustimm|stimmen sie|einverstanden|einwilligung|ablehnen|datenschutzerklärung"
    r"|datenschutzhinweis|datenschutzeinstellungen|cookie-einstellungen|cookie-richtlinie"
    r"|mehr erfahren|weitere informationen|mehr informationen|einstellungen|settings|preferences)"
)

# The inside of a consent dialog: cookie tables and cookie-category headings.
CONSENT_DIALOG = _rx(
    r"^(?:cookie ?name|cookie[- ]?laufzeit|cookie[- ]?dauer)\b"
    r"|^(?:unbedingt )?(?:notwendige|essenzielle|essentielle|essential|necessary|functional"
    r"|funktionale|statistik|marketing|analytics|analytische|performance|zusätzliche|externe medien"
    r"|werbe)[- ]?cookies$"
)
# A consent-dialog row that accepts one embedded service: "Akzeptieren Google Maps".
CONSENT_SERVICE_ROW = re.compile(r"^(?:Akzeptieren|Accept)(?: [A-Z0-9][\w.-]*){1,3}$")

KINDS: tuple[str, ...] = (*(r.kind for r in ZH_RULES), "consent")

_WORD_STRIP = re.compile(r"^[^\w&]+|[^\w&]+$")


@dataclass(frozen=True, slots=True)
class Leak:
    """One leaked line and every kind it matched (most specific first)."""

    line: str
    kinds: tuple[str, ...]

    @property
    def kind(self) -> str:
        """The kind the line is tallied under."""
        return self.kinds[0]


def _zh_kinds(line: str) -> list[str]:
    strong = [r.kind for r in ZH_RULES if r.strong.search(line)]
    weak = [r.kind for r in ZH_RULES if r.kind not in strong and r.weak.search(line)]
    short = len(line) <= SHORT_LINE and "。" not in line
    if weak and (short or len(strong) + len(weak) >= 2):
        return [r.kind for r in ZH_RULES if r.kind in strong or r.kind in weak]
    return strong


def is_button_row(line: str) -> bool:
    """A short line made only of consent-button words, with at least one consent verb."""
    if len(line) > BUTTON_ROW_MAX or not BUTTON_CORE.search(line):
        return False
    words = [_WORD_STRIP.sub("", w).lower() for w in line.split()]
    return all(w in BUTTON_WORDS for w in words if w)


def _opens_notice(line: str) -> bool:
    """The line starts with a notice opener; "... cookies" must go on like a notice."""
    match = OPENER_AT_START.search(line)
    if not match:
        return False
    if not match.group().casefold().endswith("cookies"):
        return True
    return bool(OPENER_CONTINUATION.match(line, match.end()))


def is_consent_line(line: str) -> bool:
    """Does this (NFKC, stripped) line read like a cookie/consent notice or one of its buttons?"""
    if len(line) > CONSENT_MAX_LINE:
        return False
    if is_button_row(line) or CONSENT_CLAUSES.search(line) or CONSENT_DIALOG.search(line):
        return True
    if CONSENT_SERVICE_ROW.match(line):
        return True
    if _opens_notice(line) and (len(line) <= OPENER_LINE_MAX or CONSENT_WORDS.search(line)):
        return True
    spoken = OPENER_IN_SENTENCE.search(line) or CONSENT_INVERTED.search(line)
    return bool(spoken and CONSENT_WORDS.search(line))


def line_kinds(line: str) -> tuple[str, ...]:
    """The leak kinds of one line; () when it is not boilerplate."""
    norm = unicodedata.normalize("NFKC", line).strip()
    if not norm:
        return ()
    kinds = _zh_kinds(norm)
    if is_consent_line(norm):
        kinds.append("consent")
    return tuple(kinds)


def find_leaks(text: str | None) -> list[Leak]:
    """Every boilerplate line still in an extracted body, in text order."""
    leaks: list[Leak] = []
    for line in (text or "").splitlines():
        kinds = line_kinds(line)
        if kinds:
            leaks.append(Leak(line.strip(), kinds))
    return leaks


def leaks_by_kind(text: str | None) -> dict[str, list[str]]:
    """The leaked lines of one text, grouped under the kind each is tallied under."""
    grouped: dict[str, list[str]] = {}
    for leak in find_leaks(text):
        grouped.setdefault(leak.kind, []).append(leak.line)
    return grouped


def tally(texts: Iterable[str | None]) -> Counter[str]:
    """Leaked lines per kind over many texts (each line counted once, under its first kind)."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(leak.kind for leak in find_leaks(text))
    return counts
