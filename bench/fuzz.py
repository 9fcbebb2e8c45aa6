"""Coverage-guided fuzzing (atheris, libFuzzer) of the parsers that read strangers' bytes.

    python bench/fuzz.py extract --seconds 60           # parsers.extract
    python bench/fuzz.py sitemap --seconds 60           # crawler.discovery.parse_sitemap
    python bench/fuzz.py feed --seconds 60              # crawler.discovery.parse_feed
    python bench/fuzz.py all --seconds 20               # each target in turn, in its own process

A target fails on any exception other than the documented outcome (DiscoveryError for
the discovery parsers; none at all for extract), on an input that takes longer than
`--input-timeout` seconds, or past `--rss-mb` of memory. libFuzzer writes the failing
input to tests/parsers/fuzz_regressions/<target>-crash-<sha1> (or -timeout-, -oom-);
tests/parsers/test_fuzz.py replays every file there, so a fixed crash stays fixed.
The run starts from the seeds in tests/parsers/fuzz_seeds/<target>/ and the regression
files; the corpus it grows goes to a scratch folder.
"""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REGRESSIONS = REPO / "tests" / "parsers" / "fuzz_regressions"
SEEDS = REPO / "tests" / "parsers" / "fuzz_seeds"
TARGETS = ("extract", "sitemap", "feed")
URL = "http://example.com/2024/04/story.html"


def target(name: str) -> Callable[[bytes], None]:
    """The function libFuzzer calls with each input (imported under instrumentation)."""
    import atheris

    with atheris.instrument_imports(include=["parsers", "crawler.discovery"]):
        from crawler import discovery
        from parsers import extract

    def run_extract(data: bytes) -> None:
        extract(data, URL)

    def run_sitemap(data: bytes) -> None:
        # DiscoveryError is the documented outcome for a document that cannot be read.
        with contextlib.suppress(discovery.DiscoveryError):
            discovery.parse_sitemap(data, URL)

    def run_feed(data: bytes) -> None:
        with contextlib.suppress(discovery.DiscoveryError):
            discovery.parse_feed(data, URL)

    return {"extract": run_extract, "sitemap": run_sitemap, "feed": run_feed}[name]


def fuzz(name: str, seconds: int, input_timeout: int, rss_mb: int) -> None:
    """Run one target in this process (libFuzzer exits the process when done)."""
    import atheris

    REGRESSIONS.mkdir(parents=True, exist_ok=True)
    # libFuzzer adds the inputs it finds to the first corpus folder: a scratch one, so
    # the seeds in the repository stay as they are.
    scratch = tempfile.mkdtemp(prefix=f"fuzz-{name}-")
    corpus = [scratch, *(str(p) for p in (SEEDS / name, REGRESSIONS) if p.is_dir())]
    args = [
        sys.argv[0],
        f"-max_total_time={seconds}",
        f"-timeout={input_timeout}",
        f"-rss_limit_mb={rss_mb}",
        "-max_len=262144",
        f"-artifact_prefix={REGRESSIONS}/{name}-",
        "-print_final_stats=1",
        *corpus,
    ]
    atheris.Setup(args, target(name))
    atheris.Fuzz()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", choices=(*TARGETS, "all"))
    parser.add_argument("--seconds", type=int, default=60, help="time budget per target")
    parser.add_argument("--input-timeout", type=int, default=20, help="seconds per input")
    parser.add_argument("--rss-mb", type=int, default=2048, help="memory limit")
    args = parser.parse_args(argv)
    if args.target != "all":
        fuzz(args.target, args.seconds, args.input_timeout, args.rss_mb)
        return 0
    failed = []
    for name in TARGETS:  # one process each: libFuzzer ends the process it runs in
        limits = [f"--seconds={args.seconds}", f"--input-timeout={args.input_timeout}"]
        command = [sys.executable, __file__, name, *limits, f"--rss-mb={args.rss_mb}"]
        if subprocess.run(command, cwd=REPO, check=False).returncode != 0:
            failed.append(name)
    print(f"fuzzed {', '.join(TARGETS)} for {args.seconds} s each; failed: {failed or 'none'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
