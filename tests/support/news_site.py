"""A generated local news site for cluster crawls, and a server that counts what it sees.

`make_site(root, articles=270, sections=29)` writes a front page, section pages that
list the articles, the articles themselves (300 HTML pages with the defaults), a sitemap
and a robots.txt, plus a site profile (`site.toml`). `CountingServer` serves it on
127.0.0.1 with the sample site's reply rules (ETag, Last-Modified, 304, {{BASE_URL}}
templating) and records every request and the most requests it served at once.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import ClassVar

from crawler.sample_site.server import BODILESS_STATUSES, build_reply

WORDS = [
    "river",
    "council",
    "harbour",
    "budget",
    "school",
    "bridge",
    "railway",
    "farmers",
    "market",
    "festival",
    "museum",
    "hospital",
    "election",
    "weather",
    "court",
    "library",
    "teachers",
    "workers",
    "company",
    "mayor",
    "report",
    "village",
    "station",
    "housing",
    "energy",
    "water",
    "forest",
    "coast",
    "league",
    "team",
    "season",
    "research",
]

PROFILE = """name = "news300"
start_urls = ["/"]
sitemaps_from_robots = true
depth_limit = 2
allow_networks = ["127.0.0.1/32"]

[article_urls]
allow = ['/news/2024/story-\\d+\\.html$']
"""


def article_path(number: int) -> str:
    return f"/news/2024/story-{number:04d}.html"


def _paragraph(rng: random.Random, number: int) -> str:
    words = [rng.choice(WORDS) for _ in range(55)]
    return f"In story {number}, " + " ".join(words) + "."


def _article(number: int) -> str:
    rng = random.Random(number)
    paragraphs = "\n".join(f"<p>{_paragraph(rng, number)}</p>" for _ in range(5))
    title = f"Story {number}: the {rng.choice(WORDS)} and the {rng.choice(WORDS)}"
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="article:published_time" content="2024-04-{1 + number % 28:02d}">'
        f'</head><body><nav><a href="/">Home</a></nav><article><h1>{title}</h1>'
        f'<p class="byline">By Ada Reporter</p>\n{paragraphs}\n</article></body></html>\n'
    )


def _listing(title: str, links: list[str]) -> str:
    items = "".join(f'<li><a href="{href}">{href}</a></li>' for href in links)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><h1>{title}</h1><ul>{items}</ul></body></html>\n"
    )


def make_site(root: Path, *, articles: int = 270, sections: int = 29) -> list[str]:
    """Write the site under `root`; return the article paths."""
    paths = [article_path(n) for n in range(1, articles + 1)]
    for number, path in enumerate(paths, start=1):
        file = root / path.lstrip("/")
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(_article(number), encoding="utf-8")
    section_paths = [f"/section/{s:02d}.html" for s in range(1, sections + 1)]
    (root / "section").mkdir(parents=True, exist_ok=True)
    for index, path in enumerate(section_paths):
        (root / path.lstrip("/")).write_text(
            _listing(f"Section {index + 1}", paths[index::sections]), encoding="utf-8"
        )
    (root / "index.html").write_text(_listing("Front page", section_paths), encoding="utf-8")
    urls = "".join(f"<url><loc>{{{{BASE_URL}}}}{p}</loc></url>" for p in paths)
    (root / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n',
        encoding="utf-8",
    )
    (root / "robots.txt").write_text(
        "User-agent: *\nDisallow: /private/\nSitemap: {{BASE_URL}}/sitemap.xml\n", encoding="utf-8"
    )
    (root / "site.toml").write_text(PROFILE, encoding="utf-8")
    return paths


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "CountingNewsSite/1.0"
    site: ClassVar[CountingServer]

    def do_GET(self) -> None:
        site = self.site
        site.entered(self.path)
        try:
            if site.delay:
                time.sleep(site.delay)
            headers = dict(self.headers.items())
            if "If-None-Match" in headers or "If-Modified-Since" in headers:
                site.was_conditional(self.path)
            reply = build_reply(site.root, self.path, site.base_url, headers)
            self.send_response(reply.status)
            for name, value in reply.headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if reply.status not in BODILESS_STATUSES:
                self.wfile.write(reply.body)
        finally:
            site.left()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


class CountingServer:
    def __init__(self, root: Path, *, delay: float = 0.0) -> None:
        self.root = root.resolve()
        self.delay = delay
        self.requests: Counter[str] = Counter()
        self.conditional: Counter[str] = Counter()
        self.max_active = 0
        self._active = 0
        self._lock = threading.Lock()
        handler = type("Handler", (_Handler,), {"site": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def entered(self, path: str) -> None:
        with self._lock:
            self.requests[path.split("?", 1)[0]] += 1
            self._active += 1
            self.max_active = max(self.max_active, self._active)

    def was_conditional(self, path: str) -> None:
        with self._lock:
            self.conditional[path.split("?", 1)[0]] += 1

    def left(self) -> None:
        with self._lock:
            self._active -= 1

    def reset(self) -> None:
        with self._lock:
            self.requests.clear()
            self.conditional.clear()
            self.max_active = 0

    def __enter__(self) -> CountingServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)
