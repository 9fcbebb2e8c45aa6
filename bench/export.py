"""Parquet export benchmark: our streaming export against the plain pandas path.

    python bench/export.py [--rows 200000] [--small 50000] [--workdir DIR]

Generates synthetic article records of realistic size (~5 KB of text, the same text in
`blocks`, 1-3 authors, 2-5 tags, 1-3 images, WARC locations) into a temporary folder,
then exports them to Parquet at two sizes, each run in its own subprocess:

- ours:    `archive.export.export(..., ExportOptions(fmt="parquet"))` (two passes: the
           newest version of each URL, then writing);
- ours-1p: the same with `all_versions` (one pass: every row written);
- pandas:  `pandas.read_json(path, lines=True).to_parquet(out)`.

Each child reports its wall time and its own peak RSS (getrusage ru_maxrss), and the
table shows rows per second, peak memory, and our ratios against pandas. Targets: faster
than pandas, and a peak memory that does not grow from the small size to the large one.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import orjson

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(REPO))

PATHS = ("ours", "ours-1p", "pandas")

# Vocabulary of the synthetic texts: 20,000 made-up words of 2-10 letters, so that texts
# do not compress unrealistically well (real news Parquet compresses ~3-4x with zstd).
_VOCAB = [
    "".join(random.Random(n).choices("abcdefghijklmnopqrstuvwxyz", k=2 + n % 9))
    for n in range(20_000)
]
# Word choice is the generator's hot loop: numpy draws them (random.choices is 10x slower).
_NP_RNG = np.random.default_rng(6)
_WORDS_PER_TEXT = (650, 850)  # ~5 KB of text at ~6.6 characters a word with its space
_PARAGRAPHS = (6, 14)
_SITES = ("courier", "ichongqing", "tribune", "herald")


def make_record(
    index: int,
    *,
    text: str = "Placeholder text for one article.",
    url: str | None = None,
    fetched_at: str = "2024-04-20T10:30:00.000000Z",
    **fields: Any,
) -> dict[str, Any]:
    """One article record in the crawl's schema (archive.records); `fields` override."""
    import hashlib

    site = _SITES[index % len(_SITES)]
    url = url or f"https://www.{site}.example/news/2024/04/story-{index}.html"
    record: dict[str, Any] = {
        "url": url,
        "canonical_url": url,
        "title": f"Story number {index}",
        "authors": ["Jane Doe"],
        "published": "2024-04-20T09:00:00+01:00",
        "modified": None,
        "language": "en",
        "section": "World",
        "tags": ["world"],
        "description": f"Description of story {index}",
        "text": text,
        "blocks": [{"kind": "paragraph", "text": p} for p in text.split("\n\n")],
        "images": [],
        "source": None,
        "editor": None,
        "site": {"name": site.title(), "licences": []},
        "field_sources": {"title": "opengraph", "published": "json-ld"},
        "boilerplate_removed": [],
        "encoding": "utf-8",
        "extraction_status": "ok",
        "text_digest": "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "fetched_at": fetched_at,
        "status": 200,
        "content_type": "text/html; charset=utf-8",
        "discovery": {"via": "sitemap", "referrer": f"https://www.{site}.example/sitemap.xml"},
        "warc": {
            "filename": "crawl-00000.warc.gz",
            "offset": 1000 * index,
            "length": 4321,
            "record_id": f"<urn:uuid:00000000-0000-0000-0000-{index:012d}>",
            "payload_digest": "sha1:AAAA",
        },
        "parser_version": "0.1.0",
        "crawl_id": "20240420T100000Z",
    }
    record.update(fields)
    return record


def synthetic_record(index: int, rng: random.Random) -> dict[str, Any]:
    """A realistic-size record with random text, people, tags and images."""
    count = rng.randint(*_WORDS_PER_TEXT)
    words = [_VOCAB[i] for i in _NP_RNG.integers(0, len(_VOCAB), size=count).tolist()]
    cuts = sorted(rng.sample(range(1, len(words)), rng.randint(*_PARAGRAPHS) - 1))
    bounds = zip([0, *cuts], [*cuts, len(words)], strict=True)
    paragraphs = [" ".join(words[a:b]) + "." for a, b in bounds]
    day = 1 + index % 28
    return make_record(
        index,
        text="\n\n".join(paragraphs),
        fetched_at=f"2024-05-{day:02d}T{index % 24:02d}:00:00.{index % 1_000_000:06d}Z",
        published=f"2024-{1 + index % 12:02d}-{day:02d}T08:00:00+08:00",
        authors=[f"Author {rng.randrange(500)}" for _ in range(rng.randint(1, 3))],
        tags=[f"tag{rng.randrange(200)}" for _ in range(rng.randint(2, 5))],
        images=[
            {
                "url": f"https://img.example/{index}/{n}.jpg",
                "alt": "A photo",
                "caption": None,
                "credit": "Photo/Agency",
            }
            for n in range(rng.randint(1, 3))
        ],
    )


def generate(path: Path, rows: int, seed: int = 6) -> None:
    rng = random.Random(seed)
    with path.open("wb") as stream:
        for index in range(rows):
            stream.write(
                orjson.dumps(synthetic_record(index, rng), option=orjson.OPT_APPEND_NEWLINE)
            )


def child(path_name: str, source: Path, out: Path) -> dict[str, Any]:
    """Run one export path in this process; report time, rows and own peak RSS."""
    if path_name == "pandas":
        import pandas as pd
    else:
        from archive.export import Dedup, ExportOptions, export
    started = time.perf_counter()  # imports excluded: each path pays about a second
    if path_name == "pandas":
        frame = pd.read_json(source, lines=True)
        frame.to_parquet(out, compression="zstd")
        rows = len(frame)
    else:
        dedup = Dedup(all_versions=path_name == "ours-1p")
        rows = export([source], out, ExportOptions(fmt="parquet", dedup=dedup)).rows_written
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {"path": path_name, "rows": rows, "seconds": seconds, "peak_mib": peak_kib / 1024}


def measure(path_name: str, source: Path, out: Path) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", path_name, str(source), str(out)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{path_name} failed:\n{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def table(results: list[dict[str, Any]]) -> str:
    lines = [
        f"{'path':<8} {'rows':>8} {'seconds':>8} {'rows/s':>8} {'peak MiB':>9}",
        "-" * 45,
    ]
    for r in results:
        rate = r["rows"] / r["seconds"]
        lines.append(
            f"{r['path']:<8} {r['rows']:>8} {r['seconds']:>8.1f} {rate:>8.0f} {r['peak_mib']:>9.0f}"
        )
    return "\n".join(lines)


def ratios(results: list[dict[str, Any]]) -> list[str]:
    lines = []
    for rows in sorted({r["rows"] for r in results}):
        by = {r["path"]: r for r in results if r["rows"] == rows}
        pandas = by.get("pandas")
        for name in ("ours", "ours-1p"):
            if pandas and name in by:
                speed = pandas["seconds"] / by[name]["seconds"]
                memory = pandas["peak_mib"] / by[name]["peak_mib"]
                lines.append(
                    f"{rows} rows: {name} is {speed:.1f}x as fast as pandas "
                    f"and uses 1/{memory:.1f} of its peak memory"
                )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--small", type=int, default=50_000, help="the smaller size")
    parser.add_argument("--paths", default=",".join(PATHS))
    parser.add_argument("--workdir", type=Path, help="keep the data here (default: temp)")
    parser.add_argument(
        "--child", nargs=3, metavar=("PATH", "SOURCE", "OUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.child:
        name, source, out = args.child
        print(json.dumps(child(name, Path(source), Path(out))))
        return 0
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        return run(Path(tmp), sorted({args.small, args.rows}), args.paths.split(","))


def run(work: Path, sizes: list[int], paths: list[str]) -> int:
    results = []
    for rows in sizes:
        source = work / f"articles-{rows}.jsonl"
        started = time.perf_counter()
        generate(source, rows)
        size_mb = source.stat().st_size / 1e6
        print(
            f"generated {rows} articles ({size_mb:.0f} MB) in {time.perf_counter() - started:.0f} s"
        )
        for name in paths:
            results.append(measure(name, source, work / f"{name}-{rows}.parquet"))
            print(table(results[-1:]).splitlines()[-1], flush=True)
        source.unlink()
    print()
    print(table(results))
    print("\n".join(ratios(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
