"""The date-format table: every supported written form parses back to the same day."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parsers.metadata.dates import DATE_FORMATS, date_from_url, find_date, parse_date

_CENTURY_YEAR = "(?P<y>(?:19|20|21)"

EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DE_MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)


def _formats(d: dt.date) -> list[str]:
    """One rendering of `d` per row of the format table (and the month-name variants)."""
    en, de = EN_MONTHS[d.month - 1], DE_MONTHS[d.month - 1]
    return [
        d.isoformat(),
        f"{d.year}-{d.month}-{d.day}",
        f"{d.year}/{d.month:02d}/{d.day:02d}",
        f"{d.year}.{d.month:02d}.{d.day:02d}",
        f"{d.year}年{d.month}月{d.day}日",
        f"{en[:3]} {d.day},{d.year}",
        f"{en} {d.day}, {d.year}",
        f"{d.day} {en} {d.year}",
        f"{d.day}. {de} {d.year}",
        f"{d.day:02d}.{d.month:02d}.{d.year}",
        f"{d.day:02d}/{d.month:02d}/{d.year}" if d.day > 12 else d.isoformat(),
        f"{d.year}{d.month:02d}{d.day:02d}",
        d.strftime("%a, %d %b %Y 10:30:00 +0000"),
    ]


@given(st.dates(min_value=dt.date(1995, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_every_format_parses_back(day: dt.date) -> None:
    for text in _formats(day):
        parsed = parse_date(text)
        assert parsed is not None and parsed[:10] == day.isoformat(), text
        found = find_date(f"Posted: {text} | more")
        assert found is not None and found[:10] == day.isoformat(), text


@given(
    st.datetimes(min_value=dt.datetime(1995, 1, 1), max_value=dt.datetime(2100, 1, 1)),
    st.sampled_from(["+08:00", "-05:00", "Z", ""]),
)
def test_iso_datetimes_keep_time_and_offset(stamp: dt.datetime, offset: str) -> None:
    stamp = stamp.replace(microsecond=0)
    assert parse_date(stamp.isoformat() + offset) == stamp.isoformat() + offset


@given(st.text(max_size=60))
def test_never_raises(text: str) -> None:
    parse_date(text)
    find_date(text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-04-20T10:30:00+08:00", "2024-04-20T10:30:00+08:00"),
        ("2024-04-20T10:30:00+0800", "2024-04-20T10:30:00+08:00"),
        ("2024-04-20T10:30:00.000Z", "2024-04-20T10:30:00Z"),
        ("2024-04-20 10:30:00", "2024-04-20T10:30:00"),
        ("2024年4月20日 10:30", "2024-04-20T10:30:00"),
        ("2024年04月20日10:30", "2024-04-20T10:30:00"),
        ("20.04.2024, 14:05 Uhr", "2024-04-20T14:05:00"),
        ("April 20, 2024 10:30 pm", "2024-04-20T22:30:00"),
        ("Apr 20,2024", "2024-04-20"),
        ("20 de abril de 2024", "2024-04-20"),
        ("Sat, 20 Apr 2024 10:30:00 GMT", "2024-04-20T10:30:00+00:00"),
        (1713580200, "2024-04-20T02:30:00Z"),
        ("1713580200000", "2024-04-20T02:30:00Z"),
        ("04/20/2024", "2024-04-20"),
    ],
)
def test_known_values(value: object, expected: str) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value", ["2024-02-31", "1990-05-01", "2150-01-01", "", "Mai", "12:30", "tomorrow", None, True]
)
def test_impossible_or_missing_dates(value: object) -> None:
    assert parse_date(value) is None


def test_first_date_in_a_line() -> None:
    assert find_date("By ZHAN CHEN|Apr 20,2024") == "2024-04-20"
    assert find_date("2024-04-18 09:30:00 来源：新华网 2023-01-01") == "2024-04-18T09:30:00"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/2024/04/20/story", "2024-04-20"),
        ("http://www.xinhuanet.com/local/2020-02/19/c_1125597921.htm", "2020-02-19"),
        ("https://example.cn/a/20240420/123.html", "2024-04-20"),
        ("https://example.com/story-120240420995", None),
        ("https://example.com/2024/13/40/x", None),
    ],
)
def test_date_from_url(url: str, expected: str | None) -> None:
    assert date_from_url(url) == expected


def test_every_format_needs_a_year_of_the_listed_centuries() -> None:
    """find_date skips texts without "19", "20" or "21": each format must hold a year."""
    assert all(_CENTURY_YEAR in fmt.regex.pattern for fmt in DATE_FORMATS)


@given(st.text(alphabet="0123456789-./: 年月日", max_size=20))
def test_texts_without_a_century_hold_no_date(text: str) -> None:
    if not any(century in text for century in ("19", "20", "21")):
        assert all(fmt.regex.search(text) is None for fmt in DATE_FORMATS)
