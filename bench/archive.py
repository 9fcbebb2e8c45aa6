"""Archive benchmark: reparse speed against plain WARC readers, and the cost of capture.

    python bench/archive.py [--rounds 40] [--crawls 3] [--workdir DIR] [--quick]

Writes synthetic crawl WARCs with `archive.warc.WarcWriter` (the sample site's real
article pages, every round on its own day and with its own text; plus listing, 404,
image and revisit captures: tests/archive/reparse_corpus.py), then times, on the same
files in one run:

- warcio read:      every response record's decoded body (warcio alone);
- FastWARC read:    the same with FastWARC;
- extract only:     `archive.records.article_record` over bodies read beforehand;
- warcio + extract: the baseline, read with warcio and extract every 2xx HTML body;
- reparse -w1/-w2:  `archive.reparse.reparse` with 1 worker (in process) and 2;

and crawls the sample site (served on 127.0.0.1) with ARCHIVIST_WARC_ENABLED on and off,
`--crawls` times each, comparing the median of the crawls' own `duration_seconds`.

Rates are responses per second (every HTTP response or revisit record in the files), so
the rows compare directly. Targets: reparse -w1 at least 0.8x "warcio + extract"; -w2
near 2x -w1 on two idle cores.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(REPO))

from fastwarc.warc import ArchiveIterator as FastArchiveIterator  # noqa: E402
from fastwarc.warc import WarcRecordType  # noqa: E402
from warcio.archiveiterator import ArchiveIterator  # noqa: E402

from archive.reader import content_stream  # noqa: E402
from archive.records import FetchFacts, article_record  # noqa: E402
from archive.reparse import ReparseJob, reparse  # noqa: E402
from crawler.sample_site import SampleSiteServer  # noqa: E402
from tests.archive.reparse_corpus import write_crawl  # noqa: E402

ARCHIVIST = Path(sys.executable).with_name("archivist")


@dataclass(frozen=True, slots=True)
class Page:
    url: str
    content_type: str | None
    fetched_at: str
    body: bytes


@dataclass(frozen=True, slots=True)
class Timing:
    name: str
    seconds: float  # wall, best of the repeats
    responses: int
    cpu: float | None = None  # CPU seconds of this process and its children, best
    note: str = ""

    @property
    def rate(self) -> float:
        return self.responses / self.seconds if self.seconds else 0.0

    @property
    def cpu_rate(self) -> float:
        return self.responses / self.cpu if self.cpu else 0.0


def _cpu_seconds() -> float:
    """CPU time of this process and of its reaped children (the pool's workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(
    name: str, responses: int, work: Callable[[], object], repeat: int, note: str = ""
) -> Timing:
    """Best wall and best CPU time of `repeat` runs: on a shared machine the best run is
    the one least disturbed by other processes."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), _cpu_seconds()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(_cpu_seconds() - cpu)
    return Timing(name, min(walls), responses, min(cpus), note)


def warcio_pages(files: list[Path]) -> list[Page]:
    """Every response and revisit record, body decoded (revisits have none)."""
    pages = []
    for path in files:
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type not in ("response", "revisit"):
                    continue
                http = record.http_headers
                ok = record.rec_type == "response" and http.get_statuscode().startswith("2")
                pages.append(
                    Page(
                        record.rec_headers.get_header("WARC-Target-URI"),
                        http.get_header("Content-Type") if ok else None,
                        record.rec_headers.get_header("WARC-Date"),
                        content_stream(record).read(),
                    )
                )
    return pages


def fastwarc_read(files: list[Path]) -> int:
    count = 0
    wanted = WarcRecordType.response | WarcRecordType.revisit
    for path in files:
        with path.open("rb") as fh:
            for record in FastArchiveIterator(fh, record_types=wanted, parse_http=True):
                record.reader.read()
                count += 1
    return count


def extract_all(pages: list[Page]) -> int:
    """The baseline's extraction: every 2xx HTML body, as one record each."""
    done = 0
    for page in pages:
        if page.content_type and "html" in page.content_type:
            fetch = FetchFacts(page.url, 200, page.content_type, page.fetched_at)
            article_record(page.body, fetch, warc=None, crawl_id=None)
            done += 1
    return done


def run_reparse(root: Path, workers: int) -> int:
    with open(os.devnull, "wb") as sink:
        report = reparse(ReparseJob((root,), workers=workers), sink)
    return report.articles_written


def crawl_seconds(base_url: str, out: Path, warc: bool) -> float:
    process = subprocess.run(
        [
            str(ARCHIVIST),
            "--log-level",
            "WARNING",
            "crawl",
            "demo",
            "--base-url",
            base_url,
            "--out",
            str(out),
            "--crawl-id",
            "bench",
            "-s",
            f"ARCHIVIST_WARC_ENABLED={warc}",
            "-s",
            "AUTOTHROTTLE_START_DELAY=0.01",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        cwd=REPO,
        check=False,
    )
    if process.returncode != 0:
        raise SystemExit(f"crawl failed: {process.stderr[-2000:]}")
    report = json.loads((out / "demo" / "bench" / "crawl.json").read_text("utf-8"))
    return float(report["duration_seconds"])


def crawl_timings(workdir: Path, runs: int) -> list[Timing]:
    """Interleaved on/off crawls of the sample site, each into a fresh folder."""
    seconds: dict[bool, list[float]] = {True: [], False: []}
    with SampleSiteServer() as server:
        for n in range(runs):
            for warc in (True, False):
                out = workdir / f"crawl-{n}-{'warc' if warc else 'nowarc'}"
                seconds[warc].append(crawl_seconds(server.base_url, out, warc))
    return [
        Timing(f"crawl, WARC {'on' if warc else 'off'}", statistics.median(s), 1, note=f"runs {s}")
        for warc, s in seconds.items()
    ]


def reparse_timings(workdir: Path, rounds: int, repeat: int) -> list[Timing]:
    layout = write_crawl(workdir / "warcs", rounds=rounds, index=False, max_size=50_000_000)
    files = sorted(layout.warc_dir.glob("*.warc.gz"))
    pages = warcio_pages(files)  # warms the page cache; the bodies for "extract only"
    extract_all(pages[:20])  # first calls load models and compile patterns: not timed
    count = len(pages)
    records = sum(1 for p in files for _ in ArchiveIterator(p.open("rb")))
    note = f"{count} responses, {records} records, {sum(p.stat().st_size for p in files)} B"
    return [
        timed("warcio read", count, lambda: warcio_pages(files), repeat, note),
        timed("FastWARC read", count, lambda: fastwarc_read(files), repeat),
        timed("extract only", count, lambda: extract_all(pages), repeat),
        timed("warcio + extract", count, lambda: extract_all(warcio_pages(files)), repeat),
        timed("reparse -w1", count, lambda: run_reparse(layout.root, 1), repeat),
        timed("reparse -w2", count, lambda: run_reparse(layout.root, 2), repeat),
    ]


def table(timings: list[Timing]) -> str:
    header = f"{'what':<18} {'wall s':>8} {'resp/s':>8} {'CPU s':>8} {'resp/CPU s':>10}  note"
    rows = [header, "-" * len(header)]
    for t in timings:
        if t.cpu is None:
            rows.append(f"{t.name:<18} {t.seconds:8.2f} {'':>8} {'':>8} {'':>10}  {t.note}")
            continue
        rows.append(
            f"{t.name:<18} {t.seconds:8.2f} {t.rate:8.1f} {t.cpu:8.2f} {t.cpu_rate:10.1f}  {t.note}"
        )
    return "\n".join(rows)


def ratios(timings: list[Timing]) -> str:
    by = {t.name: t for t in timings}
    baseline, one, two = by["warcio + extract"], by["reparse -w1"], by["reparse -w2"]
    warcio = by["warcio read"]
    lines = [
        f"reparse -w1 / (warcio + extract): {one.rate / baseline.rate:.2f}x wall, "
        f"{one.cpu_rate / baseline.cpu_rate:.2f}x CPU  (target >= 0.8)",
        f"reparse -w2 / reparse -w1:        {two.rate / one.rate:.2f}x  (target near 2)",
        f"FastWARC read / warcio read:      {by['FastWARC read'].rate / warcio.rate:.2f}x",
    ]
    if "crawl, WARC on" in by:
        on, off = by["crawl, WARC on"].seconds, by["crawl, WARC off"].seconds
        lines.append(f"crawl WARC on / off (median):     {on / off:.2f}x ({on - off:+.2f} s)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, help="captures of every page (40; quick 5)")
    parser.add_argument("--crawls", type=int, help="crawls with WARC on and off (3; quick 1)")
    parser.add_argument("--repeat", type=int, help="runs of each timing, best kept (3; quick 1)")
    parser.add_argument("--workdir", type=Path, help="keep the files here")
    parser.add_argument("--quick", action="store_true", help="5 rounds, 1 crawl, 1 repeat")
    args = parser.parse_args(argv)
    defaults = (5, 1, 1) if args.quick else (40, 3, 3)
    given = (args.rounds, args.crawls, args.repeat)
    rounds, crawls, repeat = (d if g is None else g for g, d in zip(given, defaults, strict=True))
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-archive-") as temporary:
        workdir = args.workdir or Path(temporary)
        timings = reparse_timings(workdir, rounds, repeat)
        if crawls:
            timings += crawl_timings(workdir, crawls)
    load = f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
    print(f"cores: {os.cpu_count()}, {load} (wall times need an idle machine)")
    print(table(timings))
    print(ratios(timings))


if __name__ == "__main__":
    main()
