"""Crawl benchmark: our crawl (WARC + JSON) against wget and a bare Scrapy crawl.

    python bench/crawl.py [--pages 2000] [--latency 0.05] [--concurrency 8]

One run, one generated site of PAGES article pages (plus section pages, robots.txt and a
sitemap) served on 127.0.0.1 with LATENCY seconds added to every response:

  1. ours        `archivist crawl` with WARC capture, extraction and JSONL;
  2. wget        Debian's `wget --recursive --warc-file` (one connection: wget has no
                 parallel fetching);
  3. bare scrapy the same Scrapy version and concurrency with no pipelines or extensions:
                 a spider that only follows links (the cost of Scrapy itself);
  4. ours again  the unchanged second run: what the incremental state saves.

Each tool runs in its own process under a small wrapper that reports the child's peak
RSS (getrusage RUSAGE_CHILDREN), so memory is per tool. Both Scrapy crawls use the same
fixed concurrency (AutoThrottle off) so that they compare the crawler, not politeness
settings. Targets (issue #5): ours >= 3x wget's pages/s, <= 15% slower than bare Scrapy,
the unchanged second run under 20% of the first run's time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from crawler.sample_site.server import SampleSiteServer  # noqa: E402

BIN = Path(sys.executable).parent
SECTIONS = 20
# Words for the generated articles' text (a fixed seed makes the site the same every run).
WORDS = tuple(
    [
        "river",
        "city",
        "council",
        "harbour",
        "bridge",
        "market",
        "report",
        "minister",
        "budget",
        "school",
        "trade",
        "rail",
        "energy",
        "water",
        "festival",
        "museum",
        "election",
        "court",
        "police",
        "weather",
        "farm",
        "port",
        "museum",
        "science",
        "study",
        "result",
        "winter",
        "summer",
        "climate",
        "vote",
        "street",
        "traffic",
        "tunnel",
        "ferry",
        "housing",
        "plan",
    ]
)


@dataclass
class Result:
    name: str
    seconds: float
    pages: int
    peak_rss_mib: float

    @property
    def rate(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


def paragraph(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(40, 90))]
    return " ".join(words).capitalize() + "."


def article_html(n: int, section: int, rng: random.Random) -> str:
    body = "\n".join(f"<p>{paragraph(rng)}</p>" for _ in range(6))
    title = f"Story {n}: {' '.join(rng.choice(WORDS) for _ in range(6))}"
    return (
        f"<!doctype html><html lang='en'><head><title>{title} | Bench Courier</title>"
        f"<meta name='author' content='Reporter {n % 37}'></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/s{section}/'>Section {section}</a></nav>"
        f"<article><h1>{title}</h1><p class='byline'>By Reporter {n % 37}</p>{body}</article>"
        f"<footer>Copyright Bench Courier</footer></body></html>"
    )


def build_site(root: Path, pages: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    per_section = -(-pages // SECTIONS)
    sections: dict[int, list[str]] = {s: [] for s in range(SECTIONS)}
    for n in range(pages):
        section = n % SECTIONS
        path = f"s{section}/2024/04/story-{n}.html"
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(article_html(n, section, rng), encoding="utf-8")
        sections[section].append(path)
    for section, paths in sections.items():
        links = "\n".join(f"<li><a href='/{p}'>{p}</a></li>" for p in paths[:per_section])
        (root / f"s{section}").mkdir(exist_ok=True)
        (root / f"s{section}" / "index.html").write_text(
            f"<html><body><h1>Section {section}</h1><ul>{links}</ul></body></html>",
            encoding="utf-8",
        )
    index = "".join(f"<a href='/s{s}/'>Section {s}</a> " for s in range(SECTIONS))
    (root / "index.html").write_text(f"<html><body>{index}</body></html>", encoding="utf-8")
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")


def profile(path: Path) -> Path:
    path.write_text(
        'name = "bench"\nstart_urls = ["/"]\nsitemaps_from_robots = false\ndepth_limit = 3\n'
        'allow_networks = ["127.0.0.1/32"]\n'
        "[article_urls]\nallow = ['/\\d{4}/\\d{2}/[^/]+\\.html$']\n",
        encoding="utf-8",
    )
    return path


def measured(name: str, command: list[str], pages_of: object) -> Result:
    """Run `command` in a wrapper process that prints the child's wall time and peak RSS."""
    wrapper = (
        "import json, resource, subprocess, sys, time\n"
        "start = time.monotonic()\n"
        "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,"
        " stderr=subprocess.DEVNULL).returncode\n"
        "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(json.dumps({'code': code, 'seconds': time.monotonic() - start, 'rss_kib': rss}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", wrapper, *command],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        cwd=REPO,
    )
    facts = json.loads(done.stdout)
    pages = pages_of() if callable(pages_of) else 0
    print(f"  {name}: exit {facts['code']}, {facts['seconds']:.1f} s, {pages} pages", flush=True)
    return Result(name, facts["seconds"], pages, facts["rss_kib"] / 1024)


def requests_seen(server: SampleSiteServer) -> int:
    count = len(server.requests)
    server.requests.clear()
    return count


BARE_SPIDER = """
import sys
import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.linkextractors import LinkExtractor


class Bare(scrapy.Spider):
    name = "bare"
    links = LinkExtractor()

    def parse(self, response):
        for link in self.links.extract_links(response):
            if link.url.startswith(sys.argv[1]):
                yield scrapy.Request(link.url)


process = CrawlerProcess({
    "LOG_LEVEL": "WARNING", "ROBOTSTXT_OBEY": True, "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS": int(sys.argv[2]), "CONCURRENT_REQUESTS_PER_DOMAIN": int(sys.argv[2]),
    "TELNETCONSOLE_ENABLED": False,
})
process.crawl(Bare, start_urls=[sys.argv[1]])
process.start()
"""


def run(args: argparse.Namespace) -> list[Result]:
    work = Path(tempfile.mkdtemp(prefix="bench-crawl-"))
    site = work / "site"
    build_site(site, args.pages)
    toml = profile(work / "bench.toml")
    ours = [
        str(BIN / "archivist"),
        "crawl",
        str(toml),
        "--out",
        str(work / "out"),
        "-s",
        "AUTOTHROTTLE_ENABLED=False",
        "-s",
        f"CONCURRENT_REQUESTS={args.concurrency}",
        "-s",
        f"CONCURRENT_REQUESTS_PER_DOMAIN={args.concurrency}",
        "-s",
        "LOG_LEVEL=WARNING",
    ]
    results = []
    with SampleSiteServer(root=site, delay=args.latency) as server:
        base = server.base_url
        print(f"Site: {args.pages} articles at {base}, {args.latency * 1000:.0f} ms latency")
        results.append(measured("ours", [*ours, "--base-url", base], lambda: requests_seen(server)))
        wget = [
            "wget",
            "--recursive",
            "--level=inf",
            "--no-verbose",
            "--no-parent",
            f"--warc-file={work / 'wget'}",
            "-P",
            str(work / "wget-files"),
            f"{base}/",
        ]
        results.append(measured("wget", wget, lambda: requests_seen(server)))
        bare = [sys.executable, "-c", BARE_SPIDER, f"{base}/", str(args.concurrency)]
        results.append(measured("bare scrapy", bare, lambda: requests_seen(server)))
        again = measured(
            "ours, 2nd run", [*ours, "--base-url", base], lambda: requests_seen(server)
        )
        results.append(again)
    shutil.rmtree(work, ignore_errors=True)
    return results


def report(results: list[Result]) -> None:
    by = {r.name: r for r in results}
    print(f"\n{'run':<16} {'seconds':>8} {'requests':>9} {'pages/s':>8} {'peak RSS MiB':>13}")
    for r in results:
        print(f"{r.name:<16} {r.seconds:>8.1f} {r.pages:>9} {r.rate:>8.1f} {r.peak_rss_mib:>13.0f}")
    ours, wget, bare, again = by["ours"], by["wget"], by["bare scrapy"], by["ours, 2nd run"]
    print("\nRatios (targets in brackets):")
    print(f"  ours / wget pages/s          {ours.rate / wget.rate:5.2f}x  [>= 3x]")
    print(f"  ours / bare Scrapy pages/s   {ours.rate / bare.rate:5.2f}x  [>= 0.85x]")
    print(f"  2nd run / 1st run time       {again.seconds / ours.seconds:5.2f}   [< 0.20]")
    print(f"  2nd run / 1st run requests   {again.pages / max(ours.pages, 1):5.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    if shutil.which("wget") is None:
        sys.exit("bench/crawl.py needs wget (Debian: apt-get install wget)")
    report(run(args))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(f"\n(bench process itself: {usage.ru_maxrss / 1024:.0f} MiB peak)")


if __name__ == "__main__":
    main()
