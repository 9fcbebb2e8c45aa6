"""The bundled sample site and its server: special routes, discovery files, article list."""

from __future__ import annotations

import gzip
import html
import re
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from http.client import HTTPConnection, HTTPResponse
from urllib.parse import urlsplit

import pytest

from crawler.sample_site import (
    EXPECTED_ARTICLES,
    FAULT_EMPTY_PATH,
    FAULT_PDF_PATH,
    GBK_PATH,
    GZIP_PATH,
    ICHONGQING_PATH,
    NOT_FOUND_PATH,
    PRIVATE_PATH,
    REDIRECT_PATH,
    WWW_ROOT,
    ExpectedArticle,
    SampleSiteServer,
    article_paths,
)

# An article page lives at /<section>/YYYY/MM/<slug>.html.
ARTICLE_FILE = re.compile(r"^/[a-z]+/\d{4}/\d{2}/[a-z0-9-]+\.html$")
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


@pytest.fixture(scope="module")
def site() -> Iterator[SampleSiteServer]:
    with SampleSiteServer() as server:
        yield server


def fetch(
    site: SampleSiteServer, path: str, headers: dict[str, str] | None = None
) -> tuple[int, HTTPResponse | urllib.error.HTTPError, bytes]:
    request = urllib.request.Request(site.base_url + path, headers=headers or {})
    try:
        response = _OPENER.open(request, timeout=10)
    except urllib.error.HTTPError as error:
        return error.code, error, error.read()
    return response.status, response, response.read()


def raw_get(site: SampleSiteServer, raw_path: str) -> int:
    """Send a path exactly as given (urllib would normalise ``..`` away)."""
    parts = urlsplit(site.base_url)
    connection = HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)
    try:
        connection.putrequest("GET", raw_path, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def h1_of(text: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)
    assert match, "no <h1>"
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()


def test_base_url_is_loopback(site: SampleSiteServer) -> None:
    assert site.base_url.startswith("http://127.0.0.1:")


def test_robots_names_sitemap_with_real_base_url(site: SampleSiteServer) -> None:
    status, response, body = fetch(site, "/robots.txt")
    assert status == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    text = body.decode()
    assert f"Sitemap: {site.base_url}/sitemap.xml" in text.splitlines()
    assert "Disallow: /private/" in text.splitlines()
    assert "{{BASE_URL}}" not in text


def test_sitemap_lists_every_article(site: SampleSiteServer) -> None:
    status, response, body = fetch(site, "/sitemap.xml")
    assert status == 200
    assert response.headers["Content-Type"] == "application/xml"
    root = ET.fromstring(body)
    urls = root.findall(f"{SITEMAP_NS}url")
    locs = {url.findtext(f"{SITEMAP_NS}loc") for url in urls}
    assert locs == {site.base_url + path for path in article_paths()}
    assert all(url.findtext(f"{SITEMAP_NS}lastmod") for url in urls)


def test_feed_is_rss_with_ten_newest_items(site: SampleSiteServer) -> None:
    status, _, body = fetch(site, "/feed.xml")
    assert status == 200
    root = ET.fromstring(body)
    assert root.tag == "rss" and root.get("version") == "2.0"
    items = root.findall("./channel/item")
    assert len(items) == 10
    links = [item.findtext("link") or "" for item in items]
    assert all(link.startswith(site.base_url + "/") for link in links)
    assert set(links) <= {site.base_url + path for path in article_paths()}
    assert site.base_url + ICHONGQING_PATH in links


def test_redirect_answers_301_with_location(site: SampleSiteServer) -> None:
    status, response, _ = fetch(site, REDIRECT_PATH)
    assert status == 301
    assert response.headers["Location"] == site.base_url + ICHONGQING_PATH


def test_withdrawn_story_is_404_with_html(site: SampleSiteServer) -> None:
    status, response, body = fetch(site, NOT_FOUND_PATH)
    assert status == 404
    assert response.headers["Content-Type"].startswith("text/html")
    assert int(response.headers["Content-Length"]) == len(body) > 0
    _, _, world_index = fetch(site, "/world/")
    assert NOT_FOUND_PATH.encode() in world_index


def test_gzip_page_is_always_gzip_encoded(site: SampleSiteServer) -> None:
    status, response, body = fetch(site, GZIP_PATH, {"Accept-Encoding": "identity"})
    assert status == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert int(response.headers["Content-Length"]) == len(body)
    page = gzip.decompress(body).decode("utf-8")
    assert page.lstrip().startswith("<!DOCTYPE html>")
    assert "<article" in page


def test_gbk_page_decodes_as_gbk(site: SampleSiteServer) -> None:
    status, response, body = fetch(site, GBK_PATH)
    assert status == 200
    assert response.headers["Content-Type"] == "text/html; charset=GBK"
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    text = body.decode("gbk")
    assert '<meta charset="gbk">' in text
    for marker in ("责任编辑", "来源：", "作者：", "ICP备", "公网安备", "版权所有", "举报电话"):
        assert marker in text


def test_etag_conditional_get_gives_304(site: SampleSiteServer) -> None:
    _, first, _ = fetch(site, ICHONGQING_PATH)
    etag = first.headers["ETag"]
    assert etag and first.headers["Last-Modified"]
    status, response, again = fetch(site, ICHONGQING_PATH, {"If-None-Match": etag})
    assert status == 304
    assert again == b""
    assert response.headers["ETag"] == etag
    status, _, _ = fetch(site, ICHONGQING_PATH, {"If-None-Match": '"something-else"'})
    assert status == 200
    status, _, _ = fetch(
        site, ICHONGQING_PATH, {"If-Modified-Since": first.headers["Last-Modified"]}
    )
    assert status == 304


@pytest.mark.parametrize(
    "raw_path", ["/../server.py", "/world/../../server.py", "/%2e%2e/server.py", "/..%2fserver.py"]
)
def test_path_traversal_is_refused(site: SampleSiteServer, raw_path: str) -> None:
    assert raw_get(site, raw_path) == 404


def test_fault_paths(site: SampleSiteServer) -> None:
    status, response, body = fetch(site, FAULT_PDF_PATH)
    assert status == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert body.startswith(b"%PDF")
    status, response, body = fetch(site, FAULT_EMPTY_PATH)
    assert status == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert body == b""
    assert response.headers["Content-Length"] == "0"


def test_directory_serves_index_and_private_page_is_linked(site: SampleSiteServer) -> None:
    status, response, body = fetch(site, "/")
    assert status == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    for path in (PRIVATE_PATH, REDIRECT_PATH, GBK_PATH, "/world/", "/business/", "/science/"):
        assert f'href="{path}"'.encode() in body


def test_requests_are_recorded(site: SampleSiteServer) -> None:
    fetch(site, "/about.html")
    assert ("GET", "/about.html") in site.requests


def test_article_list_matches_files() -> None:
    on_disk = {
        "/" + path.relative_to(WWW_ROOT).as_posix()
        for path in WWW_ROOT.rglob("*.html")
        if ARTICLE_FILE.match("/" + path.relative_to(WWW_ROOT).as_posix())
    }
    listed = set(article_paths())
    assert len(listed) == len(EXPECTED_ARTICLES)
    assert on_disk == listed
    sections = {article.section for article in EXPECTED_ARTICLES}
    for section in ("world", "business", "science"):
        assert sum(a.section == section for a in EXPECTED_ARTICLES) >= 7, section
    assert {"zh", "insights"} <= sections


@pytest.mark.parametrize("article", EXPECTED_ARTICLES, ids=lambda a: a.path)
def test_each_article_h1_equals_listed_title(
    site: SampleSiteServer, article: ExpectedArticle
) -> None:
    status, response, body = fetch(site, article.path)
    assert status == 200
    if response.headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    assert h1_of(body.decode(article.encoding)) == article.title


def test_ichongqing_page_keeps_its_boilerplate(site: SampleSiteServer) -> None:
    _, _, body = fetch(site, ICHONGQING_PATH)
    text = body.decode("utf-8")
    (listed,) = [a for a in EXPECTED_ARTICLES if a.path == ICHONGQING_PATH]
    assert h1_of(text) == listed.title
    assert "<title>" + html.escape(listed.title) + " | Insights</title>" in text
    for marker in (
        'alt="iChongqing Title"',
        "By ZHAN CHEN</span>|<span",
        "New Era, New Journey, New Chongqing",
        "渝ICP备20009753号-2",
        "互联网新闻信息服务许可证号:50120220004",
        "+86-23-67158993",
        "I Agree",
        "Leaving a message",
        "(Photo/Yuxinou)",
        "(Ma Manlin, as an intern, also contributed to this report.)",
    ):
        assert marker in text
    assert "application/ld+json" not in text
