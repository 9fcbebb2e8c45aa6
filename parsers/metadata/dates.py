"""Dates: many written forms -> one ISO 8601 string.

`parse_date(value)` reads a value that *is* a date (a meta content, a JSON-LD field, a
`datetime` attribute). `find_date(text)` looks for the first date *inside* a line of visible
text ("By ZHAN CHEN|Apr 20,2024", "来源：新华网 2024-04-18 09:30:00"). Both return
"YYYY-MM-DD" when only the day is known, "YYYY-MM-DDTHH:MM:SS" with a time, and append the
offset ("+08:00", "Z") when the value states one. The clock is never read: impossible dates
(before 1995, after 2100, 31 February) are rejected instead.

The formats are a table (`DATE_FORMATS`): a regex with named groups y/m/d (m may be a month
name) per written form, tried in order; a time of day is read by `_TIME_RE` right after the
date. dateutil is the last resort for whole values that no row matches.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from dateutil import parser as dateutil_parser

from parsers.textutil import literal_alternation

logger = logging.getLogger(__name__)

# Web news starts in the mid-1990s; anything earlier in a page is a birth date, a founding year
# or a parse error. 2100 is a sanity bound that needs no clock.
MIN_YEAR = 1995
MAX_YEAR = 2100

# Month names as they appear in bylines of the languages we crawl most (en, de, fr, es, pl, it,
# nl, ru, uk; Slavic months in the nominative and the genitive that dates use). Keys are
# casefolded, without a trailing dot.
MONTHS: dict[str, int] = {}
_MONTH_NAMES: tuple[tuple[int, tuple[str, ...]], ...] = (
    (
        1,
        (
            "january",
            "jan",
            "januar",
            "jänner",
            "janvier",
            "janv",
            "enero",
            "ene",
            "stycznia",
            "styczeń",
            "gennaio",
            "gen",
            "januari",
            "января",
            "январь",
            "січня",
        ),
    ),
    (
        2,
        (
            "february",
            "feb",
            "febr",
            "februar",
            "feber",
            "février",
            "févr",
            "fevrier",
            "febrero",
            "lutego",
            "luty",
            "febbraio",
            "februari",
            "февраля",
            "февраль",
            "лютого",
        ),
    ),
    (
        3,
        (
            "march",
            "mar",
            "märz",
            "maerz",
            "mär",
            "mrz",
            "mars",
            "marzo",
            "marca",
            "marzec",
            "maart",
            "марта",
            "март",
            "березня",
        ),
    ),
    (4, ("april", "apr", "avril", "avr", "abril", "abr", "kwietnia", "kwiecień", "aprile")),
    (4, ("апреля", "апрель", "квітня")),
    (5, ("may", "mai", "mayo", "maja", "maj", "maggio", "mei", "мая", "май", "травня")),
    (6, ("june", "jun", "juni", "juin", "junio", "czerwca", "czerwiec", "giugno", "giu")),
    (6, ("июня", "июнь", "червня")),
    (7, ("july", "jul", "juli", "juillet", "juil", "julio", "lipca", "lipiec", "luglio", "lug")),
    (7, ("июля", "июль", "липня")),
    (8, ("august", "aug", "août", "aout", "agosto", "ago", "sierpnia", "sierpień", "augustus")),
    (8, ("августа", "август", "серпня")),
    (
        9,
        (
            "september",
            "sep",
            "sept",
            "septembre",
            "septiembre",
            "settembre",
            "set",
            "września",
            "wrzesień",
            "сентября",
            "сентябрь",
            "вересня",
        ),
    ),
    (
        10,
        (
            "october",
            "oct",
            "oktober",
            "okt",
            "octobre",
            "octubre",
            "październik",
            "października",
            "ottobre",
            "ott",
            "октября",
            "октябрь",
            "жовтня",
        ),
    ),
    (11, ("november", "nov", "novembre", "noviembre", "listopada", "listopad")),
    (11, ("ноября", "ноябрь", "листопада")),
    (
        12,
        (
            "december",
            "dec",
            "dezember",
            "dez",
            "décembre",
            "déc",
            "decembre",
            "diciembre",
            "dic",
            "grudnia",
            "grudzień",
            "dicembre",
            "декабря",
            "декабрь",
            "грудня",
        ),
    ),
)
for _number, _names in _MONTH_NAMES:
    for _name in _names:
        MONTHS[_name] = _number

# Longest names first, so "Juni" is not read as "Jun" + "i" (the trie tries them so).
_MONTH_ALT = literal_alternation(MONTHS)
_M = rf"(?P<m>{_MONTH_ALT})\.?"
_D = r"(?P<d>[0-3]?\d)"
_MM = r"(?P<m>[01]?\d)"
_Y = r"(?P<y>(?:19|20|21)\d\d)"
# Every format holds `_Y`: a text without one of these has no date.
_CENTURIES = ("19", "20", "21")


@dataclass(frozen=True, slots=True)
class DateFormat:
    name: str
    regex: re.Pattern[str]


def _fmt(name: str, pattern: str, guard_end: bool = True) -> DateFormat:
    # Digits must not touch the match: "120240420" is no date.
    end = r"(?!\d)" if guard_end else ""
    return DateFormat(name, re.compile(rf"(?<![\d\w]){pattern}{end}", re.IGNORECASE))


# Ordered: unambiguous numeric forms first, then named months, then day-first numeric forms.
DATE_FORMATS: tuple[DateFormat, ...] = (
    _fmt("iso", rf"{_Y}-{_MM}-{_D}"),  # 2024-04-20, 2024-4-20 (Chinese portals drop zeros)
    _fmt("ymd-slash", rf"{_Y}/{_MM}/{_D}"),  # 2024/04/20
    _fmt("ymd-dot", rf"{_Y}\.{_MM}\.{_D}"),  # 2024.04.20
    # 2024年4月20日, also glued to the time: 2024年04月18日06:14
    _fmt("cjk", rf"{_Y}\s*年\s*{_MM}\s*月\s*{_D}\s*(?:日|号|(?!\d))", guard_end=False),
    _fmt("month-day-year", rf"{_M}\s+{_D}(?:st|nd|rd|th)?\s*,?\s*{_Y}"),  # Apr 20,2024
    # 20 April 2024, 20. April 2024, 20 de abril de 2024, 20 Mai, 2024
    _fmt(
        "day-month-year",
        rf"{_D}(?:st|nd|rd|th|er)?\.?\s+(?:de\s+)?{_M}(?:\s+de)?(?:\s*,\s*|\s+){_Y}",
    ),
    _fmt("dmy-dot", rf"{_D}\.\s?{_MM}\.\s?{_Y}"),  # 20.04.2024 (German)
    _fmt("dmy-slash", rf"{_D}/{_MM}/{_Y}"),  # 20/04/2024; swapped below when day <= 12 < month
    _fmt("compact", rf"{_Y}(?P<m>[01]\d)(?P<d>[0-3]\d)"),  # 20240420 (URLs, ids)
)

# A time of day right after the date: "T10:30:00+08:00", " 09:30", ", 14:05 Uhr", " um 14.05",
# " 10时30分", " 10:30 am".
_TIME_RE = re.compile(
    r"^(?:\s*(?:T|,|\||um|at|à|-|–)?\s*)"
    r"(?P<H>[0-2]?\d)(?::|时|h|\.)(?P<M>[0-5]\d)(?:(?::|分)(?P<S>[0-5]\d)(?:\.\d+)?)?"
    r"\s*(?:分|秒|Uhr)?\s*(?P<ampm>[ap]\.?m\.?)?"
    r"\s*(?P<tz>Z|UTC|GMT|[+-]\d\d:?\d\d)?(?![\d:])",
    re.IGNORECASE,
)
# Epoch seconds (10 digits) or milliseconds (13 digits) as the whole value.
_EPOCH_RE = re.compile(r"^\s*(\d{10}|\d{13})(?:\.\d+)?\s*$")
# dateutil is only asked when a value looks like a date at all (has a year-like run).
_YEARISH_RE = re.compile(r"(?:19|20|21)\d\d")


def parse_date(value: object) -> str | None:
    """A whole value that is a date -> ISO string, or None. Epochs, RFC 2822, table, dateutil."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return _from_epoch(float(value))
    text = " ".join(str(value).split())
    if not text or len(text) > 100:
        return None
    epoch = _EPOCH_RE.match(text)
    if epoch:
        digits = epoch.group(1)
        return _from_epoch(int(digits) / (1000 if len(digits) == 13 else 1))
    return find_date(text) or _from_rfc2822(text) or _from_dateutil(text)


def date_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the first match of each date format in `text` that has one."""
    return [m.span() for fmt in DATE_FORMATS if (m := fmt.regex.search(text))]


def find_date(text: str) -> str | None:
    """The first date written inside `text` (earliest position wins), as ISO, or None."""
    if not any(map(text.__contains__, _CENTURIES)):
        return None  # most texts near a headline hold no year: spares the ten regexes
    best: tuple[int, str] | None = None
    for fmt in DATE_FORMATS:
        for match in fmt.regex.finditer(text):
            if best is not None and match.start() >= best[0]:
                break
            iso = _match_to_iso(fmt, match, text)
            if iso is not None:
                best = (match.start(), iso)
                break
    return best[1] if best else None


# A dateline that is only a day-first date with a two-digit year ("23.09.22", "| 31.10.23,
# 14:05"): read only as a whole short text, where nothing else can be meant.
_SHORT_YEAR_DATE_RE = re.compile(
    r"^[\W_]*(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>\d\d)"
    r"(?:,?\s*(?:um\s*)?(?P<H>[0-2]?\d)[:.](?P<M>[0-5]\d)(?:\s*uhr)?)?[\W_]*$",
    re.IGNORECASE,
)


def short_year_date(text: str) -> str | None:
    """A whole text that is a date with a two-digit year -> ISO (00-68 are 20xx, as in
    `strptime`'s %y), or None."""
    match = _SHORT_YEAR_DATE_RE.match(text.strip())
    if match is None:
        return None
    short = int(match.group("y"))
    year = 2000 + short if short <= 68 else 1900 + short
    day_iso = _valid_day(year, int(match.group("m")), int(match.group("d")))
    if day_iso is None or match.group("H") is None:
        return day_iso
    hour, minute = int(match.group("H")), int(match.group("M"))
    return f"{day_iso}T{hour:02d}:{minute:02d}:00" if hour < 24 else day_iso


def _match_to_iso(fmt: DateFormat, match: re.Match[str], text: str) -> str | None:
    raw_month = match.group("m")
    month = int(raw_month) if raw_month.isdigit() else MONTHS.get(raw_month.casefold())
    if month is None:
        return None
    year, day = int(match.group("y")), int(match.group("d"))
    if fmt.name == "dmy-slash" and month > 12 >= day:
        day, month = month, day  # US order: 04/20/2024
    day_iso = _valid_day(year, month, day)
    if day_iso is None:
        return None
    if fmt.name == "compact":
        return day_iso  # a compact date carries no time
    return day_iso + _time_suffix(text[match.end() :])


def _valid_day(year: int, month: int, day: int) -> str | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _time_suffix(rest: str) -> str:
    match = _TIME_RE.match(rest)
    if match is None:
        return ""
    hour, minute = int(match.group("H")), int(match.group("M"))
    second = int(match.group("S") or 0)
    ampm = (match.group("ampm") or "").casefold()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    if hour > 23:
        return ""
    return f"T{hour:02d}:{minute:02d}:{second:02d}" + _offset(match.group("tz"))


def _offset(tz: str | None) -> str:
    if not tz:
        return ""
    tz = tz.upper()
    if tz in ("Z", "UTC", "GMT"):
        return "Z" if tz == "Z" else "+00:00"
    digits = tz[1:].replace(":", "")
    return f"{tz[0]}{digits[:2]}:{digits[2:]}"


def _from_epoch(seconds: float) -> str | None:
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    try:
        stamp = dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None
    if not MIN_YEAR <= stamp.year <= MAX_YEAR:
        return None
    return stamp.isoformat().replace("+00:00", "Z")


def _from_rfc2822(text: str) -> str | None:
    try:
        stamp = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return _datetime_to_iso(stamp)


def _from_dateutil(text: str) -> str | None:
    if not _YEARISH_RE.search(text):
        return None
    try:
        # Two different defaults: a field dateutil filled in differs between them.
        first = dateutil_parser.parse(text, default=dt.datetime(2001, 1, 1))
        second = dateutil_parser.parse(text, default=dt.datetime(2002, 2, 2))
    except (ValueError, OverflowError, TypeError):
        return None
    if first.date() != second.date():
        return None  # year, month or day was missing
    return _datetime_to_iso(first)


def _datetime_to_iso(stamp: dt.datetime) -> str | None:
    if not MIN_YEAR <= stamp.year <= MAX_YEAR:
        return None
    if stamp.tzinfo is None and stamp.time() == dt.time(0):
        return stamp.date().isoformat()
    return stamp.replace(microsecond=0).isoformat()


def other_reading(value: object) -> str | None:
    """The other day of an ambiguous numeric date, or None when the value is not one.

    "11/01/2023" is 11 January where the day comes first and 1 November in US order;
    `parse_date` reads it day first, so this returns "2023-11-01". Dates with a name for the
    month, a year first, dots (German, always day first) or a part above 12 are unambiguous.
    """
    text = str(value)
    match = _AMBIGUOUS_RE.search(text)
    if match is None or parse_date(value) is None:
        return None
    first, second, year = (int(g) for g in match.groups())
    if first == second or first > 12 or second > 12:
        return None
    return _valid_day(year, first, second)


_AMBIGUOUS_RE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)(?!\d)")


def swapped_day(iso: str) -> str | None:
    """The ISO day with day and month exchanged ("2021-01-11" -> "2021-11-01"), if valid."""
    year, month, day = int(iso[:4]), int(iso[5:7]), int(iso[8:10])
    return None if month == day else _valid_day(year, day, month)


def same_instant_elsewhere(first: str, second: str) -> bool:
    """Whether two ISO timestamps on different days can be one instant in two time zones.

    Both must state a time of day with the same minute, at most `MAX_ZONE_HOURS` apart
    ("2022-05-04T02:41:00Z" and "2022-05-03T22:41:00"). Offsets are ignored: pages that show a
    local time rarely state its zone.
    """
    a, b = _naive_datetime(first), _naive_datetime(second)
    if a is None or b is None or a.date() == b.date() or a.minute != b.minute:
        return False
    return abs((a - b).total_seconds()) <= MAX_ZONE_HOURS * 3600


def local_day_of(timestamp: str, day: str) -> bool:
    """Whether `day` ("2022-05-03") can be the local day of a UTC `timestamp` on the day
    next to it: the day before when the UTC time is early ("2022-05-04T00:25" in the
    Americas), the day after when it is late ("2022-05-03T18:10" in East Asia)."""
    moment = _naive_datetime(timestamp)
    if moment is None:
        return False
    try:
        shown = dt.date.fromisoformat(day[:10])
    except ValueError:
        return False
    one_day = dt.timedelta(days=1)
    # Zones run from 12 hours behind UTC to 14 ahead.
    behind = moment.hour < 12 and shown == moment.date() - one_day
    ahead = moment.hour >= 24 - MAX_ZONE_HOURS and shown == moment.date() + one_day
    return behind or ahead


# Time zones in use run from UTC-12 to UTC+14.
MAX_ZONE_HOURS = 14


def _naive_datetime(iso: str) -> dt.datetime | None:
    if "T" not in iso:
        return None
    try:
        return dt.datetime.fromisoformat(iso[:19])
    except ValueError:
        return None


def date_from_url(url: str) -> str | None:
    """A date in a URL path -> ISO day: /2024/04/20/, /2024-04-20/, /20240420/, /2017/7/12/,
    and day first with a four-digit year: /20-04-2024-story, /news/20.04.2024."""
    match = _URL_DATE_RE.search(url)
    if match is not None:
        month = match.group("m") or match.group("m1")
        day = match.group("d") or match.group("d1")
        return _valid_day(int(match.group("y")), int(month), int(day))
    match = _URL_DMY_RE.search(url)
    if match is not None:
        return _valid_day(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    return None


# Separators between y, m and d in paths: "/", "-", "_" or nothing; the date must sit between
# path separators or word edges so that ids like 120240420995 do not count.
_URL_DATE_RE = re.compile(
    r"(?<![\d])(?P<y>(?:199|20[0-9])\d)"
    r"(?:[/_-]?(?P<m>[01]\d)[/_-]?(?P<d>[0-3]\d)|/(?P<m1>[1-9])/(?P<d1>[0-3]?\d))(?![\d])"
)
# Day first needs a separator and two-digit day and month: "23-01-2022", "23.01.2022".
_URL_DMY_RE = re.compile(
    r"(?<![\d])(?P<d>[0-3]\d)(?P<sep>[._-])(?P<m>[01]\d)(?P=sep)(?P<y>(?:199|20[0-9])\d)(?![\d])"
)
