"""Choosing the published date among the sources: readings, time zones, witnesses, scripts."""

from __future__ import annotations

import pytest

from parsers import tree
from parsers.metadata import Metadata, extract_metadata
from parsers.metadata.dates import (
    date_from_url,
    find_date,
    local_day_of,
    other_reading,
    same_instant_elsewhere,
    short_year_date,
    swapped_day,
)
from parsers.options import DEFAULT_OPTIONS


def _meta(head: str, body: str, url: str = "https://example.com/news/story") -> Metadata:
    doc = tree.parse_html(f"<html><head>{head}</head><body>{body}</body></html>")
    assert doc is not None
    return extract_metadata(doc, url, DEFAULT_OPTIONS)


def _published(meta: Metadata) -> tuple[str | None, str | None]:
    return meta.published, meta.field_sources.get("published")


# --- dates.py: formats and helpers -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("15 августа 2016, 13:43", "2016-08-15T13:43:00"),
        ("3 листопада 2021", "2021-11-03"),
        ("1 мая 2020", "2020-05-01"),
        ("26 Mai, 2008 | Autor", "2008-05-26"),
        ("26 May,2008", "2008-05-26"),
    ],
)
def test_more_written_forms(text: str, iso: str) -> None:
    assert find_date(text) == iso


@pytest.mark.parametrize(
    ("path", "iso"),
    [
        ("/media/news/29-10-2021", "2021-10-29"),
        ("/newsroom/23.01.2022-the-story/17-378.html", "2022-01-23"),
        ("/a/120-01-2022", None),
        ("/a/31-02-2022", None),
    ],
)
def test_day_first_dates_in_urls(path: str, iso: str | None) -> None:
    assert date_from_url(path) == iso


def test_other_reading_of_ambiguous_numeric_dates() -> None:
    assert other_reading("11/01/2023 12:43:42") == "2023-11-01"
    assert other_reading("13/01/2023") is None  # 13 is no month
    assert other_reading("01/01/2023") is None  # both readings are one day
    assert other_reading("01.11.2023") is None  # dots: day first
    assert other_reading("2023-01-11") is None
    assert swapped_day("2021-01-11") == "2021-11-01"
    assert swapped_day("2021-01-13") is None


def test_same_instant_elsewhere() -> None:
    assert same_instant_elsewhere("2022-05-04T02:41:00+00:00", "2022-05-03T22:41:00")
    assert not same_instant_elsewhere("2022-05-04T02:41:00Z", "2022-05-03T22:40:00")
    assert not same_instant_elsewhere("2022-05-04T02:41:00Z", "2022-05-04T04:41:00")  # same day
    assert not same_instant_elsewhere("2022-05-04T02:41:00Z", "2022-05-02T02:41:00")  # 48 h
    assert not same_instant_elsewhere("2022-05-04T02:41:00Z", "2022-05-03")


def test_local_day_of_a_utc_time() -> None:
    assert local_day_of("2022-05-04T00:25:56+00:00", "2022-05-03")  # the Americas' evening
    assert local_day_of("2022-05-03T18:10:00Z", "2022-05-04")  # East Asia's morning
    assert not local_day_of("2022-05-04T15:00:00Z", "2022-05-03")  # no zone is 15 h behind
    assert not local_day_of("2022-05-03T05:00:00Z", "2022-05-04")  # no zone is 19 h ahead
    assert not local_day_of("2022-05-04T00:25:56Z", "2022-05-01")
    assert not local_day_of("2022-05-04", "2022-05-03")  # no time of day


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("23.09.22", "2022-09-23"),
        ("| 31.10.23, 14:05", "2023-10-31T14:05:00"),
        ("01.01.99", "1999-01-01"),
        ("31.02.22", None),  # no such day
        ("12.04.21 Version", None),  # only a whole text is read
        ("1.2.3", None),
    ],
)
def test_two_digit_year_dates_as_whole_texts(text: str, iso: str | None) -> None:
    assert short_year_date(text) == iso


def test_two_digit_year_dateline_under_the_headline() -> None:
    body = "<h1>Headline</h1><div class='uploaded-date'> 23.09.22 </div><p>Text.</p>"
    assert _meta("", body).published == "2022-09-23"


# --- the choice in parsers.metadata ----------------------------------------------------------


def test_utc_timestamp_yields_to_the_same_minute_shown_locally() -> None:
    head = '<meta property="article:published_time" content="2022-05-04T02:41:00Z">'
    body = "<h1>Headline</h1><p>03.05.2022 22:41</p><p>Text of the story.</p>"
    assert _published(_meta(head, body)) == ("2022-05-03T22:41:00", "text")


def test_early_utc_time_yields_to_the_previous_day_shown_by_the_headline() -> None:
    """One visible witness is enough for the local day next to a UTC time."""
    script = '{"@type": "NewsArticle", "datePublished": "Wed, 04 May 2022 00:25:56 GMT"}'
    head = f'<script type="application/ld+json">{script}</script>'
    body = "<h1>Headline</h1><p>3 de mayo de 2022</p><p>Text of the story.</p>"
    assert _published(_meta(head, body)) == ("2022-05-03", "text")
    far = "<h1>Headline</h1><p>1 de mayo de 2022</p><p>Text of the story.</p>"
    assert _published(_meta(head, far))[1] == "json-ld"  # a day two days off needs two


def test_local_offset_stays_against_one_visible_line() -> None:
    """The byline reader and the headline text read one line: one witness, not two."""
    head = '<meta property="article:published_time" content="2022-05-04T10:00:00+02:00">'
    body = "<h1>Headline</h1><p class='byline'>By Ann Lee, 07.05.2022</p><p>Text.</p>"
    assert _published(_meta(head, body)) == ("2022-05-04T10:00:00+02:00", "opengraph")


def test_two_witnesses_outweigh_a_generic_meta_date() -> None:
    """A CMS's page-change date in <meta name="date"> against microdata and the text."""
    head = '<meta name="date" content="2022-01-21T15:38:44+01:00">'
    body = (
        "<h1>Headline</h1>"
        '<p><time itemprop="datePublished" datetime="2022-01-27">27.01.2022</time></p>'
        "<p>Text of the story.</p>"
    )
    assert _published(_meta(head, body)) == ("2022-01-27", "microdata")


def test_a_shown_modification_time_does_not_outvote_the_published_date() -> None:
    head = (
        '<meta name="date" content="2018-06-22T10:20:00">'
        '<meta name="last-modified" content="2018-08-29T14:15:57">'
    )
    body = "<h1>Headline</h1><p>Updated <time>2018-08-29T14:15:57</time></p><p>Text.</p>"
    assert _published(_meta(head, body)) == ("2018-06-22T10:20:00", "meta")


def test_ambiguous_declared_date_takes_the_shown_reading() -> None:
    head = '<meta name="date" content="11/01/2023 12:43:42">'
    body = "<h1>Headline</h1><p>Text of the story.</p><p>Erstellt am: 01.11.2023</p>"
    assert _published(_meta(head, body)) == ("2023-11-01", "text")


def test_ambiguous_shown_date_agrees_with_the_declared_day() -> None:
    head = (
        '<script type="application/ld+json">'
        '{"@type": "NewsArticle", "datePublished": "2021-11-01T05:00:14"}</script>'
    )
    body = "<h1>Headline</h1><p class='byline'>Stand: 11/01/2021, 05:00</p><p>Text.</p>"
    assert _published(_meta(head, body)) == ("2021-11-01T05:00:14", "json-ld")


def test_microformat_abbr_title_is_the_microdata_value() -> None:
    body = (
        "<h1>Headline</h1><p>Text.</p>"
        '<abbr itemprop="datePublished" title="2017-09-09T10:52:00+02:00">10:52</abbr>'
    )
    assert _published(_meta("", body)) == ("2017-09-09T10:52:00+02:00", "microdata")


def test_script_state_dates_the_page_only_as_a_last_resort() -> None:
    script = (
        '<script>window.state = {"comments": [], "createdAt": "2022-01-30T09:00:00Z",'
        ' "published_at": "2022-01-31T15:58:43+01:00"};</script>'
    )
    body = "<h1>Headline</h1><p>Text of the story.</p>"
    assert _published(_meta(script, body)) == ("2022-01-31T15:58:43+01:00", "script")
    dated_url = _meta(script, body, "https://example.com/2022/01/20/story")
    assert _published(dated_url) == ("2022-01-20", "url")
    linked = (
        '<script type="application/ld+json">'
        '{"@type": "NewsArticle", "datePublished": "2022-01-20"}</script>'
    )
    assert _published(_meta(linked + script, body)) == ("2022-01-20", "json-ld")


def test_date_near_the_headline_skips_teaser_links_and_photo_captions() -> None:
    body = (
        "<h1>Headline</h1><figure><img src='a.jpg'><figcaption>Archive photo, 19.01.2021"
        "</figcaption></figure><a href='/other'>Older story, 18.01.2021</a>"
        "<p>23.01.2022</p><p>Text of the story.</p>"
    )
    assert _meta("", body).published == "2022-01-23"


def test_date_in_the_caption_that_holds_the_headline_counts() -> None:
    body = "<figure><figcaption><small>31.01.2022</small><h1>Headline</h1></figcaption></figure>"
    assert _meta("", body + "<p>Text.</p>").published == "2022-01-31"
