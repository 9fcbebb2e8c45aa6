"""Author cleaning and title trimming."""

from __future__ import annotations

import pytest

from parsers.metadata.names import clean_authors, outlet_name, split_names
from parsers.metadata.title import choose_title, matches, site_name_affix, strip_affixes


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("By ZHAN CHEN|Apr 20,2024", ["Zhan Chen"]),
        ("By John Smith and Mary Jones", ["John Smith", "Mary Jones"]),
        ("Von Anna Muster und Ben Beispiel", ["Anna Muster", "Ben Beispiel"]),
        ("von Anna Muster", ["Anna Muster"]),
        ("Anna Muster, Ben Beispiel", ["Anna Muster", "Ben Beispiel"]),
        ("Jane Doe, Staff Writer", ["Jane Doe"]),
        ("Max Muster (Redakteur)", ["Max Muster"]),
        ("Grant Tinsley, PhD", ["Grant Tinsley"]),
        ("Tomas Spahn Fr, 12.03.2021", ["Tomas Spahn"]),
        ("Sara Zinnecker Stand: 01.02.2022", ["Sara Zinnecker"]),
        ("Veröffentlicht von Chris Jung", ["Chris Jung"]),
        ("O'BRIEN-SMITH", ["O'Brien-Smith"]),
        ("记者 张三 李四", ["张三", "李四"]),
        ("张三、李四", ["张三", "李四"]),
        ("赵 培", ["赵培"]),  # a two-character name spaced to the width of three
        ("赵\u3000培、张三丰", ["赵培", "张三丰"]),
        ("张三 王五(实习生)", ["张三", "王五"]),
        ("新华社记者 才扬", ["才扬"]),
        ("本报记者张三", ["张三"]),
        ("记者 John Smith", ["John Smith"]),
        ("作者须知", []),
        ("记者陈智 整合", ["陈智"]),  # 整合 (compiled) is no name: no surname
        ("最新文章", []),
        ("晋升部级", []),  # four characters need a compound surname
        ("欧阳修明", ["欧阳修明"]),
        ("作者：安东尼", ["安东尼"]),  # a transliterated name needs no surname
        ("记者唐霁 法国", ["唐霁"]),
        ("萧一、洪二", ["萧一", "洪二"]),  # less common surnames
        ("Jan Muster, deutscher Journalist", ["Jan Muster"]),  # what a role leaves
        ("Ann Lee and jo", ["Ann Lee"]),
        ("kovarex, TOGos", ["kovarex", "TOGos"]),  # user names sign together
        ("By Ann Lee BBC News, Kigali, Rwanda", ["Ann Lee"]),  # two byline spans glued
        ("Ann Lee, BBC News, Kigali", ["Ann Lee"]),
        ("Ann Lee China Daily", ["Ann Lee China Daily"]),  # no initials: no cut
        ("。", []),
        ("Redaktion 1. Nov 2023", ["Redaktion"]),
        ("Johanna Muster Alle Artikel", ["Johanna Muster"]),
        ("Ann Lee View all posts", ["Ann Lee"]),
        ("FOCUS-Online-Experte Robin Muster", ["Robin Muster"]),
        ("Gastautorin Ann Lee", ["Ann Lee"]),
        ("Sam Lee (Sponsored Post", ["Sam Lee"]),
        ("Gesponserte Inhalte", []),
        ("Jörg Staff", ["Jörg Staff"]),  # the surname Staff
        ("Von Jörg Staff am 16.11.2022", ["Jörg Staff"]),
        ("Jane Doe, Staff", ["Jane Doe"]),
        # A role word after a one-word name, without a comma, belongs to the name.
        ("Wilder Reporter", ["Wilder Reporter"]),
        ("ABCD Staff Report", ["ABCD Staff Report"]),
        ("Ann Lee Reporter", ["Ann Lee"]),
        ("Ann, Reporter", ["Ann"]),
        ("Ann Staff Writer", ["Ann"]),
        ("Ann Follow", ["Ann"]),
        # A trailing affiliation after a dash or in brackets.
        ("Ann Lee - Example Browsing team", ["Ann Lee"]),
        ("Ann Lee (Pressesprecherin des Vereins)", ["Ann Lee"]),
        ("Autoren Jelko Muster und Jutta Beispiel", ["Jelko Muster", "Jutta Beispiel"]),
        ("https://facebook.com/someone", []),
        ("jo@example.com", []),
        ("Staff Writer", []),
        ("mehr lesen", []),
        ("karstenruppert", ["karstenruppert"]),
        ("Mo Farah", ["Mo Farah"]),
    ],
)
def test_split_names(raw: str, expected: list[str]) -> None:
    assert split_names(raw) == expected


def test_strict_split_rejects_sentences() -> None:
    sentence = "By continuing to browse our site, revised Privacy Policy and Terms of Use"
    assert split_names(sentence, strict=True) == []
    # An outlet with its slogan is no name with an affiliation.
    assert split_names("Example-MAG – Das Magazin für Leser", strict=True) == []


@pytest.mark.parametrize(
    ("raw", "outlet"),
    [
        ("来源：人民网-文化频道 原创稿", "人民网-文化频道"),
        ("Source: Xinhua | 2024-04-20", "Xinhua"),
        ("新华社 2024年4月20日", "新华社"),
    ],
)
def test_outlet_name(raw: str, outlet: str) -> None:
    assert outlet_name(raw) == outlet


def test_wire_agency_beside_a_reporter_is_the_source() -> None:
    assert clean_authors(["David Muster, dpa"]) == ["David Muster"]
    assert clean_authors(["Peter Maahn/SP-X"]) == ["Peter Maahn"]
    assert clean_authors(["dpa"]) == ["dpa"]  # alone, the agency signs the article
    assert clean_authors(["publisher"]) == []  # a CMS's placeholder
    assert clean_authors(["webmaster"]) == []
    assert clean_authors(["det/dpa"]) == ["det", "dpa"]  # initials are no full name


def test_brand_glued_after_the_name_is_dropped() -> None:
    assert clean_authors(["Adam Muster PhillyVoice"], exclude=["PhillyVoice"]) == ["Adam Muster"]
    # A plain word may be a surname: only brand-like outlets are cut without a separator.
    assert clean_authors(["Ana Maria Siete"], exclude=["Siete"]) == ["Ana Maria Siete"]


def test_clean_authors_dedups_and_drops_outlets() -> None:
    values = ["Jo Doe", "JO DOE", "Example News", "By Ann Other"]
    assert clean_authors(values, exclude=["EXAMPLE NEWS"]) == ["Jo Doe", "Ann Other"]


@pytest.mark.parametrize(
    ("title", "sites", "expected"),
    [
        (
            "Chongqing and Germany May Enhance Automotive Sector | Insights",
            [],
            "Chongqing and Germany May Enhance Automotive Sector",
        ),
        (
            "Bundestag beschließt Gesetz - DER SPIEGEL",
            ["DER SPIEGEL"],
            "Bundestag beschließt Gesetz",
        ),
        ("Bundestag beschließt Gesetz - Spiegel", [], "Bundestag beschließt Gesetz"),
        ("Storm hits the coast – Example News", ["Example News"], "Storm hits the coast"),
        ("Example News | Storm hits the coast", ["Example News"], "Storm hits the coast"),
        ("示例城市推进新能源汽车产业发展_新华网", [], "示例城市推进新能源汽车产业发展"),
        (
            "Tanz in der Lokremise: Mit allen Wassern gewaschen",
            [],
            "Tanz in der Lokremise: Mit allen Wassern gewaschen",
        ),
        ("Covid-19 cases rise again", [], "Covid-19 cases rise again"),
    ],
)
def test_strip_affixes(title: str, sites: list[str], expected: str) -> None:
    assert strip_affixes(title, sites) == expected


def test_choose_title_prefers_matching_h1() -> None:
    declared = [("Storm hits the coast hard | Example", "title-element")]
    chosen = choose_title(declared, ["Menu", "Storm hits the coast hard"], ["Example"])
    assert chosen is not None and (chosen.title, chosen.source) == (
        "Storm hits the coast hard",
        "text",
    )
    unmatched = choose_title(declared, ["Something else entirely"], [])
    assert unmatched is not None and unmatched.title == "Storm hits the coast hard"
    assert choose_title([], [], []) is None


def test_matches_is_approximate() -> None:
    assert matches("Storm hits the coast", "Storm hits the coast, officials say")
    assert not matches("Weather", "Storm hits the coast")


@pytest.mark.parametrize(
    ("title", "headline", "site"),
    [
        (
            "Economy grows in first quarter - Example Daily",
            "Economy grows in first quarter",
            "Example Daily",
        ),
        ("Example Daily | Economy grows", "Economy grows", "Example Daily"),
        ("Economy grows | Business | Example Daily", "Economy grows", "Example Daily"),
        ("Economy grows", "Economy grows", None),
        ("Something else - Example Daily", "Economy grows", None),
        ("Economy grows-Example", "Economy grows", "Example"),  # glued by a hyphen
        ("Economy grows in COVID-19", "Economy grows in COVID", None),
        ("Economy grows-and-shrinks", "Economy grows", None),
    ],
)
def test_site_name_from_the_title_affix(title: str, headline: str, site: str | None) -> None:
    assert site_name_affix(title, headline) == site
