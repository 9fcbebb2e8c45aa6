"""Cluster crawl speed: 1, 2 and 4 workers on one local site with added latency.

    .venv/bin/python bench/distributed.py [--articles 270] [--delay 0.2] [--workers 1 2 4]

Serves a generated news site (tests/support/news_site.py) on 127.0.0.1 with `--delay`
seconds of latency per response, starts a private redis-server on 127.0.0.1, and for
each worker count seeds a fresh job and times the workers from start to their exit.
Each worker may have --per-worker requests in flight; the site allows --per-site for the
whole cluster (the cluster limiter), so more workers can go faster until the site's
budget or the machine's CPUs run out. The first line is the same crawl on the local
scheduler (plain `archivist crawl`), for the overhead of the Redis scheduler.

Prints pages per second and the speed-up against one worker. Wall times include each
process's start-up (about 2 s for Scrapy and the parser), as a user would see them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.support.cluster import seed, start_worker  # noqa: E402
from tests.support.crawl import run_archivist  # noqa: E402
from tests.support.news_site import CountingServer, make_site  # noqa: E402
from tests.support.redis_server import running_redis  # noqa: E402


def settings(args: argparse.Namespace) -> list[str]:
    pairs = (
        "AUTOTHROTTLE_ENABLED=False",
        f"CONCURRENT_REQUESTS={args.per_worker}",
        f"CONCURRENT_REQUESTS_PER_DOMAIN={args.per_site}",
        "LOG_LEVEL=WARNING",
    )
    return [part for pair in pairs for part in ("-s", pair)]


def local_run(args: argparse.Namespace, www: Path, server: CountingServer, out: Path) -> float:
    server.reset()
    started = time.monotonic()
    done = run_archivist(
        "crawl", str(www / "site.toml"), "--base-url", server.base_url, "--out", str(out),
        *settings(args), timeout=3600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return time.monotonic() - started


def cluster_run(
    args: argparse.Namespace, www: Path, server: CountingServer, out: Path, url: str, n: int
) -> float:
    server.reset()
    job = f"bench-{n}"
    seed(www / "site.toml", url, server.base_url, out, job)
    started = time.monotonic()
    workers = [
        start_worker(www / "site.toml", url, server.base_url, out, f"w{n}-{i}", *settings(args))
        for i in range(n)
    ]
    codes = [w.wait(timeout=3600) for w in workers]
    assert codes == [0] * n, codes
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=270)
    parser.add_argument("--delay", type=float, default=0.2, help="seconds per response")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--per-worker", type=int, default=4, help="CONCURRENT_REQUESTS")
    parser.add_argument("--per-site", type=int, default=16, help="for the whole cluster")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-distributed-") as tmp:
        base = Path(tmp)
        make_site(base / "www", articles=args.articles, sections=max(args.articles // 9, 1))
        with (
            running_redis(base / "redis") as redis,
            CountingServer(base / "www", delay=args.delay) as server,
        ):
            rows = [
                (
                    "local scheduler, 1 process",
                    local_run(args, base / "www", server, base / "local"),
                    len(server.requests),
                )
            ]
            for n in args.workers:
                redis.client().flushall()
                seconds = cluster_run(args, base / "www", server, base / "out", redis.url, n)
                rows.append((f"redis, {n} worker(s)", seconds, sum(server.requests.values())))
    one = next(s for label, s, _ in rows if label.startswith("redis, 1 "))
    print(
        f"{args.articles} articles, {args.delay} s latency, {args.per_worker} requests per worker, "
        f"{args.per_site} per site"
    )
    print(f"{'run':<28} {'seconds':>8} {'pages':>6} {'pages/s':>8} {'speed-up':>9}")
    for label, seconds, pages in rows:
        print(f"{label:<28} {seconds:8.1f} {pages:6d} {pages / seconds:8.1f} {one / seconds:8.2f}x")


if __name__ == "__main__":
    main()
