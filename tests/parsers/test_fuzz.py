"""The parsers that read strangers' bytes under fire.

- hypothesis property tests: `parsers.extract` never raises and always gives a status;
  the sitemap and feed parsers raise nothing but DiscoveryError; each input within a
  deadline;
- hostile XML (entity expansion, external entities, external DTDs, gzip bombs) is read
  without expanding, fetching or inflating past MAX_XML_BYTES;
- every input under fuzz_regressions/ (crashes found by bench/fuzz.py) and fuzz_seeds/
  is replayed through every target;
- the atheris fuzzer itself runs for a fixed budget (marked `fuzz`).
"""

from __future__ import annotations

import contextlib
import gzip
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler import discovery
from parsers import Article, ExtractionStatus, extract

HERE = Path(__file__).parent
REPLAYED = sorted(
    p
    for folder in ("fuzz_regressions", "fuzz_seeds")
    for p in (HERE / folder).rglob("*")
    if p.is_file()
)
URL = "http://example.com/2024/04/story.html"
PER_INPUT = settings(
    max_examples=150, deadline=10_000, suppress_health_check=[HealthCheck.too_slow]
)

TAGS = (
    "html",
    "head",
    "body",
    "div",
    "p",
    "article",
    "span",
    "a",
    "table",
    "td",
    "script",
    "meta",
    "title",
    "h1",
    "ul",
    "li",
    "br",
    "img",
    "!--",
    "![CDATA[",
    "?xml",
)
TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
PIECE = st.one_of(
    TEXT,
    st.builds(lambda t, a: f"<{t} {a}>", st.sampled_from(TAGS), TEXT),
    st.builds(lambda t: f"</{t}>", st.sampled_from(TAGS)),
    st.sampled_from(["&amp;", "&#0;", "&#x110000;", "&bogus;", "<", ">", "\x00", '"', "\ufeff"]),
)
SOUP = st.lists(PIECE, max_size=200).map("".join)
XML_NAMES = (
    "urlset",
    "sitemapindex",
    "url",
    "sitemap",
    "loc",
    "lastmod",
    "rss",
    "channel",
    "item",
    "link",
    "feed",
    "entry",
    "news:news",
    "news:publication_date",
)
XML_PIECE = st.one_of(
    TEXT,
    st.builds(lambda t: f"<{t}>", st.sampled_from(XML_NAMES)),
    st.builds(lambda t: f"</{t}>", st.sampled_from(XML_NAMES)),
    st.sampled_from(['<?xml version="1.0"?>', "<!DOCTYPE x [", "]>", "&e;", "<![CDATA[", "]]>"]),
)
XML = st.lists(XML_PIECE, max_size=200).map("".join)


def check_article(article: Article) -> None:
    assert isinstance(article, Article)
    assert isinstance(article.extraction_status, ExtractionStatus)
    assert isinstance(article.text, str)


def discover(data: bytes) -> None:
    for parse in (discovery.parse_sitemap, discovery.parse_feed):
        with contextlib.suppress(discovery.DiscoveryError):  # the documented outcome
            parse(data, URL)


@PER_INPUT
@given(st.binary(max_size=20_000))
def test_extract_never_raises_on_bytes(data: bytes) -> None:
    check_article(extract(data, URL))


@PER_INPUT
@given(SOUP, st.sampled_from([None, "text/html; charset=utf-8", "text/html; charset=gbk"]))
def test_extract_never_raises_on_tag_soup(html: str, content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else None
    check_article(extract(html.encode("utf-8", "surrogatepass"), URL, headers=headers))
    check_article(extract(html, URL))


@PER_INPUT
@given(st.one_of(XML.map(lambda s: s.encode("utf-8", "surrogatepass")), st.binary(max_size=5000)))
def test_discovery_parsers_raise_only_discovery_errors(data: bytes) -> None:
    discover(data)
    discover(gzip.compress(data))


@pytest.mark.parametrize("path", REPLAYED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_regressions_and_seeds_replay(path: Path) -> None:
    data = path.read_bytes()
    started = time.monotonic()
    check_article(extract(data, URL))
    discover(data)
    assert time.monotonic() - started < 60


def test_entity_expansion_is_not_performed() -> None:
    sitemap = discovery.parse_sitemap(
        (HERE / "fuzz_seeds/sitemap/billion-laughs.xml").read_bytes(), URL
    )
    assert all(len(entry.url) < 200 for entry in sitemap.entries)
    assert all("lollol" not in entry.url for entry in sitemap.entries)


def test_external_entities_and_dtds_are_not_loaded() -> None:
    sitemap = discovery.parse_sitemap((HERE / "fuzz_seeds/sitemap/xxe.xml").read_bytes(), URL)
    text = " ".join(f"{e.url} {e.lastmod}" for e in sitemap.entries)
    assert "root:" not in text  # /etc/passwd was not read
    # The DTD at 127.0.0.1:9 is not fetched (no_network); nothing listens there either,
    # so a fetch would fail loudly rather than hang.
    entries = discovery.parse_feed((HERE / "fuzz_seeds/feed/external-dtd.xml").read_bytes(), URL)
    assert [e.url for e in entries] == ["http://example.com/a"]


def test_gzip_bomb_sitemap_is_refused_at_the_cap() -> None:
    bomb = gzip.compress(b"<urlset>" + b" " * (discovery.MAX_XML_BYTES + 1024) + b"</urlset>")
    assert len(bomb) < 200_000
    with pytest.raises(discovery.DiscoveryError, match="MAX_XML_BYTES"):
        discovery.parse_sitemap(bomb, URL)


@pytest.mark.fuzz
def test_atheris_budget_finds_no_new_crash(tmp_path: Path) -> None:
    """bench/fuzz.py for 10 s per target; a crash would leave a file in fuzz_regressions/."""
    before = set((HERE / "fuzz_regressions").iterdir())
    run = subprocess.run(
        [sys.executable, str(HERE.parents[1] / "bench" / "fuzz.py"), "all", "--seconds", "10"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    new = set((HERE / "fuzz_regressions").iterdir()) - before
    assert run.returncode == 0 and not new, (sorted(new), run.stdout[-2000:], run.stderr[-4000:])
