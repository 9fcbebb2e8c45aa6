"""Author names: a raw byline value -> a clean list of person names.

Order of the clean-up: drop a value that is an outlet name as a whole or its newsroom
("Example.de-Redaktion"), or the outlet name glued to a name ("unocero - Ann Lee"), drop a lead
word ("By", "Von"), cut a date, a trailing role ("Jane Doe, Staff Writer") or handle ("Ann Lee
@annlee"), split several names ("A and B", "A, B", "A、B"), then drop parts that are not names
(roles alone, URLs, e-mails, digits outside a user name, organisations, lower-case words
outside name particles, outlet names equal to the site name, long phrases) and title-case
ALL-CAPS Latin names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from parsers.metadata import rules
from parsers.metadata.dates import date_spans

_SPACE_RE = re.compile(r"\s+")
_EDGE_PUNCT = " \t\n\r.,;:|/\\-–—·•*#\"'“”„«»()[]{}<>~©"
# What joins a name to the date after it: "Ann Lee | 2024", "Ann Lee, on 2 May" ("on" as a
# word: "Redaktion 1. Nov" keeps its last letters).
_DATE_CUT_RE = re.compile(r"\s*(?:\||,|·|•|(?<!\w)(?:on|am|le|el|il)|-|–)?\s*$", re.IGNORECASE)


def clean_authors(
    values: Iterable[str], exclude: Iterable[str] = (), persons: Iterable[str] = ()
) -> list[str]:
    """Person names from raw byline values, in order, without duplicates.

    `exclude` holds outlet names (site name, publisher): a value equal to one is dropped.
    `persons` holds names a source types as a person (JSON-LD "@type": "Person"): such a
    name may keep a lower-case word ("Ann lee"), which free text may not.
    """
    outlets = [name for name in exclude if len(name_key(name)) >= 2]
    banned = {name_key(name) for name in outlets}
    typed = {name_key(name) for name in persons}
    names: list[str] = []
    seen: set[str] = set()
    for value in values:
        if name_key(value) in banned:
            continue  # "Jobs & Hire" is one outlet, not the names "Jobs" and "Hire"
        rest = _drop_outlet(value, outlets)
        if rest != value and name_key(rest) in rules.OUTLET_NEWSROOM_KEYS:
            continue  # "Example.de-Redaktion": the outlet's newsroom is the outlet
        found = split_names(rest, strict=True)
        if rest != value and len(found) > 1 and all(" " not in n for n in found):
            found = []  # "hessenschau.de, Frankfurt, Germany": the outlet and its address
        if not found and name_key(value) in typed:
            found = _typed_person(value)
        for name in found:
            key = name_key(name)
            if key in seen or key in banned:
                continue
            seen.add(key)
            names.append(name)
    # "Ann Lee, dpa": the agency is the source; "det/dpa" (initials and agency) stays whole.
    if any(" " in n for n in names):
        return [n for n in names if name_key(n) not in rules.NEWS_AGENCIES]
    return names


def _typed_person(value: str) -> list[str]:
    """A name typed as a person that fails only the capitals test: "Ann lee" (two or three
    words of letters, the first capitalised), not "admin user" or "Ann lee 2"."""
    text = _strip_value(value)
    words = text.split()
    if not 2 <= len(words) <= rules.MAX_TYPED_PERSON_WORDS or not words[0][:1].isupper():
        return []
    return [text] if all(rules.NAME_WORD_RE.match(w) for w in words) else []


def _drop_outlet(value: str, outlets: list[str]) -> str:
    """ "unocero - Ann Lee" -> "Ann Lee": an outlet name set off from the name by a separator,
    before or after it, is the CMS's signature, not part of the name."""
    text = value.strip()
    folded = text.casefold()
    for outlet in outlets:
        key = outlet.casefold().strip()
        if len(key) >= len(folded):
            continue
        if folded.startswith(key) and (glue := rules.OUTLET_GLUE_RE.match(folded, len(key))):
            return text[glue.end() :]
        if folded.endswith(key):
            head = folded[: len(folded) - len(key)]
            glue = rules.OUTLET_GLUE_END_RE.search(head)
            if glue:
                return text[: glue.start()]
            if head[-1:].isspace() and _is_brand(outlet) and len(head.split()) >= 2:
                # "Adam Aaronson PhillyVoice"; not "Redacción Diario Pagina Siete".
                return text[: len(head)].strip()
    return value


def _is_brand(outlet: str) -> bool:
    """One token that no name looks like: "PhillyVoice", "t3n.de" (not "Siete")."""
    return " " not in outlet.strip() and rules.BRAND_TOKEN_RE.search(outlet) is not None


def split_names(value: str, strict: bool = False) -> list[str]:
    """One raw byline value -> the names it holds (possibly none).

    `strict`: every part must be a name, else nothing is returned (for free text that merely
    starts with "By").
    """
    if rules.URL_ONLY_RE.match(value):
        return []
    # "Ann Lee (reporting) and Jo Roe (photography)": the photographer took the pictures.
    text = _strip_value(rules.PICTURE_ROLE_PART_RE.sub("", value))
    if not text:
        return []
    if rules.CJK_CHAR_RE.search(text):
        return _split_cjk(text)
    parts = rules.AUTHOR_SPLIT_RE.split(text)
    outlet_at = next((i for i, p in enumerate(parts) if rules.NEWSPAPER_NAME_RE.search(p)), None)
    if outlet_at and all(" " in p.strip() for p in parts[:outlet_at]):
        parts = parts[:outlet_at]  # "Nada Tawfik, BBC News, New York": outlet and bureau
    elif outlet_at == 0 and (glued := rules.GLUED_OUTLET_RE.search(parts[0])):
        parts = [parts[0][: glued.start()]]  # "Ann Lee BBC News, New York"
    names = [_clean_part(part) for part in parts]
    if strict and not all(names):
        return []
    found = [name for name in names if name]
    # A user name signs alone: one lower-case word beside whole names is what is left of a
    # role ("Jan Muster, deutscher Journalist").
    if any(" " in name for name in found):
        found = [name for name in found if " " in name or not name.islower()]
    return found


def _strip_value(value: str) -> str:
    text = _SPACE_RE.sub(" ", unicodedata.normalize("NFKC", value)).strip()
    text = _cut_date(text)
    text = rules.BY_PREFIX_RE.sub("", text)
    # "Zhang Wei | China Daily | Updated ...": after a bar come the outlet and the date.
    text = text.split("|", 1)[0] if text.split("|", 1)[0].strip() else text
    text = rules.DATE_WORDS_RE.sub("", text)
    text = _strip_role_tail(text)
    text = _strip_affiliation(text)
    text = rules.HANDLE_TAIL_RE.sub("", text)
    text = rules.UNCLOSED_BRACKET_RE.sub("", text)
    return text.strip(_EDGE_PUNCT)


def _strip_role_tail(text: str) -> str:
    """ "Jane Doe, Staff Writer" -> "Jane Doe"; "Rasender Reporter" stays (one word before the
    role: the role word is part of the name)."""
    head = rules.AUTHOR_TAIL_RE.sub("", text)
    if " " not in head.strip() and rules.ROLE_AS_NAME_TAIL_RE.match(text, len(head)):
        return text
    return head


def _strip_affiliation(text: str) -> str:
    """ "Ann Lee - Example Browsing team" -> "Ann Lee"; "Example-MAG – Das Magazin" stays."""
    match = rules.AFFILIATION_TAIL_RE.search(text)
    if match is None or " " not in text[: match.start()].strip():
        return text
    return text[: match.start()]


def _cut_date(text: str) -> str:
    """Drop a date: "ZHAN CHEN|Apr 20,2024" -> "ZHAN CHEN"; "20.04.2024 von X" -> "von X"."""
    spans = date_spans(text)
    if not spans:
        return text
    start, end = min(spans)
    head = _DATE_CUT_RE.sub("", text[:start])
    # "Posted on May 2, 2024 by Ann": a head of date words only leaves the name after the date.
    return text[end:] if rules.DATE_LEAD_ONLY_RE.match(head) else head


def _clean_part(part: str) -> str | None:
    name = rules.ROLE_LEAD_RE.sub("", rules.BY_PREFIX_RE.sub("", part)).strip(_EDGE_PUNCT)
    if not name or not any(c.isalpha() for c in name) or _not_a_name(name):
        return None
    if name.isupper() and len(name) > 3:
        name = _title_case(name)
    return name


def _not_a_name(name: str) -> bool:
    folded = name.casefold()
    if folded in rules.AUTHOR_ROLE_WORDS or rules.ORGANISATION_RE.search(name):
        return True
    words = name.split()
    if rules.URL_OR_EMAIL_RE.search(name) or (
        rules.HAS_DIGIT_RE.search(name) and not _is_user_name(words)
    ):
        return True
    if len(words) > rules.MAX_NAME_WORDS:
        return True
    # One lower-case word passes: blogs sign with user names ("karstenruppert"). In a name of
    # several words only particles are lower-case: "mehr lesen", "Publiziert am", "Von der
    # linearen zur zirkulären Wirtschaftsweise" are not names, "Ludwig van Beethoven" is.
    return len(words) > 1 and not all(
        _is_particle(word, words[i - 1] if i else "")
        for i, word in enumerate(words)
        if word[:1].isalpha() and not word[:1].isupper()
    )


def _is_user_name(words: list[str]) -> bool:
    """ "freeman1984", "Bo2man": one word of letters and a few digits is a user name."""
    return len(words) == 1 and rules.USER_NAME_RE.match(words[0]) is not None


def _is_particle(word: str, before: str) -> bool:
    folded = word.casefold()
    if folded in rules.NAME_PARTICLES or rules.PARTICLE_PREFIX_RE.match(word):
        return True
    # "der"/"den" only after "van"/"von": "Ludwig van der Rohe", not "Leiterin der HSS".
    return folded in rules.NAME_PARTICLES_AFTER and before.casefold() in ("van", "von")


def _title_case(name: str) -> str:
    """ "ZHAN CHEN" -> "Zhan Chen", "O'BRIEN" -> "O'Brien", "MÜLLER-LÜDENSCHEIDT" keeps hyphens."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), name.lower())


def _split_cjk(text: str) -> list[str]:
    """Chinese bylines: "记者 张三 李四", "张三、李四", "张三 王五(实习生)", "赵 培" (a
    two-character name spaced out to the width of three)."""
    text = rules.CJK_BRACKETS_RE.sub(" ", text)
    names: list[str] = []
    for piece in rules.CJK_NAME_SPLIT_RE.split(text):
        if not rules.CJK_CHAR_RE.search(piece):
            name = _clean_part(piece)  # "Hans Muster" in a Chinese list is one name
            if name:
                names.append(name)
            continue
        for part in rules.CJK_NAME_PART_RE.findall(rules.CJK_SPACED_NAME_RE.sub(r"\1\2", piece)):
            # "新华社记者", "本报记者张三": what comes before a label is the outlet.
            labels = list(rules.CJK_LABEL_RE.finditer(part))
            part = (part[labels[-1].end() :] if labels else part).strip(_EDGE_PUNCT)
            if _is_cjk_name(part):
                names.append(part)
    return names


def _is_cjk_name(part: str) -> bool:
    if rules.CJK_NAME_RE.match(part):
        return part not in rules.CJK_NOT_NAMES and _has_surname(part)
    return bool(part) and not rules.CJK_CHAR_RE.search(part) and _clean_part(part) is not None


def _has_surname(name: str) -> bool:
    """ "陈智", "欧阳修明", "阿依·古丽", "安东尼": a Chinese name opens with a surname (four
    characters need a compound one); a transliterated name needs none."""
    if "·" in name or "•" in name or all(c in rules.CJK_TRANSLITERATION for c in name):
        return True
    if name[:2] in rules.CJK_COMPOUND_SURNAMES:
        return True
    return len(name) <= 3 and name[0] in rules.CJK_SURNAMES


_OUTLET_CUT_RE = re.compile(r"\s{2,}|\s[|/]\s|\s*[|｜]\s*|(?<=[\u4e00-\u9fff])\s")


def outlet_name(value: str) -> str | None:
    """The outlet named after 来源/Source: up to a separator or a date, at most 40 chars;
    a label the value still carries ("来源：人民网 原创稿") goes."""
    text = rules.CJK_BRACKETS_RE.sub(" ", value).strip()
    text = rules.SOURCE_LABEL_RE.sub("", text)
    spans = date_spans(text)
    if spans:
        text = text[: min(spans)[0]]
    text = _OUTLET_CUT_RE.split(text.strip(), maxsplit=1)[0].strip(" :：,，.-–|")
    return text if 0 < len(text) <= 40 else None


def name_key(name: str) -> str:
    """Letters only, casefolded, without accents: "Gàbor Muniér" and "gabor_munier" agree."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return re.sub(r"[\W_]+", "", "".join(c for c in decomposed if not unicodedata.combining(c)))
