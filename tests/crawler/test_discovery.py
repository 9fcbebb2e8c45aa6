from __future__ import annotations

import gzip

import pytest

from crawler.discovery import (
    DiscoveryError,
    inflate,
    parse_feed,
    parse_sitemap,
    robots_sitemaps,
)

BASE = "http://127.0.0.1:8000/"

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url>
    <loc>http://127.0.0.1:8000/world/2024/04/a.html</loc>
    <lastmod>2024-04-20T10:30:00+08:00</lastmod>
    <news:news>
      <news:publication><news:name>Courier</news:name><news:language>en</news:language>
      </news:publication>
      <news:publication_date>2024-04-20T10:00:00+08:00</news:publication_date>
      <news:title>A title</news:title>
      <news:keywords>trade, rail</news:keywords>
    </news:news>
    <image:image><image:loc>http://127.0.0.1:8000/img/a.jpg</image:loc></image:image>
  </url>
  <url><loc>/world/2024/04/b.html</loc></url>
</urlset>"""


def test_robots_sitemap_lines() -> None:
    body = b"User-agent: *\nDisallow: /private/\nSitemap: /sitemap.xml\nsitemap:  http://x/s2.xml\n"
    assert robots_sitemaps(body, BASE) == [BASE + "sitemap.xml", "http://x/s2.xml"]


def test_news_sitemap_keeps_facts() -> None:
    sitemap = parse_sitemap(NEWS_SITEMAP, BASE)
    assert not sitemap.is_index
    first, second = sitemap.entries
    assert first.lastmod == "2024-04-20T10:30:00+08:00"
    assert first.facts == {
        "news:language": "en",
        "news:publication_date": "2024-04-20T10:00:00+08:00",
        "news:title": "A title",
        "news:keywords": "trade, rail",
        "image:loc": "http://127.0.0.1:8000/img/a.jpg",
    }
    assert second.url == BASE + "world/2024/04/b.html"


def test_gzip_sitemap_index() -> None:
    body = gzip.compress(
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>http://x/s1.xml.gz</loc></sitemap></sitemapindex>"
    )
    sitemap = parse_sitemap(body, BASE)
    assert sitemap.is_index
    assert [e.url for e in sitemap.entries] == ["http://x/s1.xml.gz"]


def test_rss_and_atom() -> None:
    rss = (
        b"<rss version='2.0'><channel><item><title>T</title><link>/a.html</link>"
        b"<pubDate>Sat, 20 Apr 2024 10:00:00 +0800</pubDate></item></channel></rss>"
    )
    (item,) = parse_feed(rss, BASE)
    assert (item.url, item.lastmod, item.facts) == (
        BASE + "a.html",
        "Sat, 20 Apr 2024 10:00:00 +0800",
        {"feed:title": "T"},
    )
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>E</title>'
        b'<link rel="alternate" href="http://x/e.html"/><updated>2024-04-20</updated>'
        b"</entry></feed>"
    )
    (entry,) = parse_feed(atom, BASE)
    assert entry.url == "http://x/e.html" and entry.lastmod == "2024-04-20"


def test_external_entities_are_not_resolved(tmp_path: object) -> None:
    body = (
        b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>http://x/&x;</loc></url></urlset>"
    )
    for entry in parse_sitemap(body, BASE).entries:
        assert "root:" not in entry.url


def test_gzip_bomb_and_truncation_are_errors() -> None:
    bomb = gzip.compress(b"<a>" + b" " * 2_000_000 + b"</a>")
    with pytest.raises(DiscoveryError, match="MAX_XML_BYTES"):
        inflate(bomb, limit=1_000_000)
    with pytest.raises(DiscoveryError, match="gzip"):
        inflate(gzip.compress(NEWS_SITEMAP)[:-20])
    with pytest.raises(DiscoveryError):
        parse_sitemap(b"", BASE)


def test_json_feed() -> None:
    body = (
        b'{"version": "https://jsonfeed.org/version/1.1", "items": ['
        b'{"id": "1", "url": "/a.html", "title": "A", "date_published": "2024-04-20T10:00:00Z"},'
        b'{"id": "2"}]}'
    )
    (item,) = parse_feed(body, BASE)
    assert (item.url, item.lastmod, item.facts) == (
        BASE + "a.html",
        "2024-04-20T10:00:00Z",
        {"feed:title": "A"},
    )
    with pytest.raises(DiscoveryError):
        parse_feed(b'{"items": 3}', BASE)


def test_parse_date_formats() -> None:
    from datetime import UTC, datetime

    from crawler.discovery import parse_date

    expected = datetime(2024, 4, 20, 2, 0, tzinfo=UTC)
    assert parse_date("2024-04-20T10:00:00+08:00") == expected
    assert parse_date("Sat, 20 Apr 2024 10:00:00 +0800") == expected
    assert parse_date("2024-04-20T02:00:00Z") == expected
    assert parse_date("2024-04-20") == datetime(2024, 4, 20, tzinfo=UTC)
    assert parse_date("yesterday") is None
    assert parse_date(None) is None
