"""The SSRF guard in a real crawl (the CLI): links, start URLs and redirects that point
at private, loopback and metadata addresses are refused before any connection, counted
in crawl.json and logged with their URL.

Host names resolve through tests.support.offline_dns (`intranet.test` -> 10.0.0.1,
`metadata.test` -> 169.254.169.254) without a DNS query, and the tripwire download
handler would refuse anything but loopback if the guard ever let a request through, so
no packet leaves this machine whatever happens.
"""

from __future__ import annotations

from pathlib import Path

from tests.faults.server import Exchange, FaultServer, article_html
from tests.support import tripwire
from tests.support.crawl import ALLOW_LOOPBACK, CrawlOutput, run_archivist

RESOLVER = "DNS_RESOLVER=tests.support.offline_dns.OfflineResolver"
HOSTILE_LINKS = (
    "http://intranet.test/wiki/secrets.html",
    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "http://[::ffff:10.0.0.1]/router/config.html",
)
METADATA_URL = "http://metadata.test/latest/meta-data/"


async def start_page(x: Exchange) -> None:
    links = "".join(f'<a href="{url}">link</a>' for url in HOSTILE_LINKS)
    page = article_html("A page written by a stranger").replace("</article>", links + "</article>")
    await x.reply("200 OK", page.encode())


async def to_metadata(x: Exchange) -> None:
    await x.reply("302 Found", b"", b"text/html", b"Location: " + METADATA_URL.encode())


ROUTES = {"/start.html": start_page, "/to-metadata.html": to_metadata}


def crawl(tmp_path: Path, server: FaultServer, *settings: str) -> CrawlOutput:
    profile = tmp_path / "ssrf.toml"
    profile.write_text(
        f"""
name = "ssrf"
allowed_domains = [
  "127.0.0.1", "intranet.test", "metadata.test", "169.254.169.254", "::ffff:10.0.0.1"
]
sitemaps_from_robots = false
start_urls = ["{server.base_url}/start.html", "{server.base_url}/to-metadata.html"]
depth_limit = 1
[article_urls]
allow = ['.']
""",
        encoding="utf-8",
    )
    args = ["-s", RESOLVER, "-s", tripwire.SETTING, "-s", "AUTOTHROTTLE_ENABLED=False"]
    args += [arg for setting in settings for arg in ("-s", setting)]
    process = run_archivist(
        "crawl", str(profile), "--out", str(tmp_path / "out"), "--crawl-id", "c", *args
    )
    assert process.returncode == 0, process.stderr[-3000:]
    return CrawlOutput(tmp_path / "out" / "ssrf" / "c", process)


def test_links_and_redirects_to_private_addresses_are_refused(tmp_path: Path) -> None:
    with FaultServer(ROUTES) as server:
        output = crawl(tmp_path, server, ALLOW_LOOPBACK)
        hits = dict(server.hits)
    errors = output.report["errors"]
    log = output.process.stderr
    # Three links on the page and the redirect target: refused, counted, logged.
    assert errors.get("refused_address") == len(HOSTILE_LINKS) + 1, (errors, log[-3000:])
    for url in (*HOSTILE_LINKS, METADATA_URL):
        assert f"refused to fetch {url}" in log, url
    assert "169.254.169.254 is a cloud metadata address" in log
    assert "10.0.0.1 is a private address" in log
    # The guard refused before the tripwire (the last step before a socket) saw them.
    assert "tripwire" not in errors and "tripwire" not in log
    # The allowed loopback pages were fetched and the article written.
    assert hits["/start.html"] == 1 and hits["/to-metadata.html"] == 1
    assert [r["title"] for r in output.records] == ["A page written by a stranger"]


def test_loopback_is_refused_unless_allowed(tmp_path: Path) -> None:
    with FaultServer(ROUTES) as server:
        output = crawl(tmp_path, server)
        hits = dict(server.hits)
    assert hits == {}, "the server on 127.0.0.1 was contacted"
    assert output.report["errors"] == {"refused_address": 2}
    assert "is a loopback address" in output.process.stderr
    assert output.records == []
