"""The fault matrix: one crawl of every fault route, and what became of each fault.

`run_matrix` crawls the fault server's routes (plus a closed port) with the real CLI and
small limits, then reads back crawl.json, the log, the articles and the WARC files.
`python -m tests.faults.matrix [FOLDER]` runs it and prints the table.
"""

from __future__ import annotations

import re
import socket
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from tests.faults.server import FaultServer
from tests.support.crawl import ALLOW_LOOPBACK, CrawlOutput, run_archivist

RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 5
SETTINGS = (
    ALLOW_LOOPBACK,
    "DOWNLOAD_TIMEOUT=2",
    f"RETRY_TIMES={RETRY_TIMES}",
    "DOWNLOAD_MAXSIZE=5000000",
    "DOWNLOAD_WARNSIZE=1000000",
    f"REDIRECT_MAX_TIMES={REDIRECT_MAX_TIMES}",
    "AUTOTHROTTLE_ENABLED=False",
)
CLOSED_PORT_PATH = "/closed-port"
WRITTEN = "(article written)"
TRIES = RETRY_TIMES + 1


@dataclass(frozen=True, slots=True)
class Fault:
    name: str
    path: str
    kind: str  # the error kind in crawl.json, or WRITTEN
    hits: int | None  # requests the server should see (None: not countable)
    setting: str = ""  # the limit a message must name


FAULTS = (
    Fault("connection refused", CLOSED_PORT_PATH, "connection_refused", None),
    Fault("reset mid-body", "/reset-mid-body", "data_loss", TRIES, "DOWNLOAD_FAIL_ON_DATALOSS"),
    Fault(
        "timeout before headers", "/timeout-before-headers", "timeout", TRIES, "DOWNLOAD_TIMEOUT"
    ),
    Fault("slow drip, 1 B/s", "/slow-drip", "timeout", TRIES, "DOWNLOAD_TIMEOUT"),
    Fault("truncated gzip", "/truncated-gzip", "truncated_encoding", 1),
    Fault("gzip bomb (64 MB)", "/gzip-bomb", "too_large", 1, "DOWNLOAD_MAXSIZE"),
    Fault("brotli bomb (64 MB)", "/brotli-bomb", "too_large", 1, "DOWNLOAD_MAXSIZE"),
    Fault("50 MB page, Content-Length", "/huge-page", "too_large", 1, "DOWNLOAD_MAXSIZE"),
    Fault("50 MB page, no length", "/huge-chunked", "too_large", 1, "DOWNLOAD_MAXSIZE"),
    Fault(
        "endless redirects",
        "/redirect-loop",
        "too_many_redirects",
        REDIRECT_MAX_TIMES + 1,
        "REDIRECT_MAX_TIMES",
    ),
    Fault("redirect to file://", "/redirect-scheme", "bad_redirect", 1),
    Fault("429 + Retry-After", "/429", "http_429", TRIES),
    Fault("500 burst (2), then 200", "/500-burst", WRITTEN, TRIES),
    Fault("503 burst", "/503-burst", "http_503", TRIES),
    Fault("GBK declared UTF-8", "/wrong-charset", WRITTEN, 1),
    Fault("binary as text/html", "/binary-as-html", "not_html", 1),
    Fault("invalid HTML nesting", "/bad-nesting", WRITTEN, 1),
    Fault("0-byte 200", "/empty-200", "empty_body", 1),
    Fault("invalid header bytes", "/bad-header-bytes", WRITTEN, 1),
)

_ERROR_LINE = re.compile(r"Error \((?P<kind>[\w/]+)\) on (?P<url>\S+): (?P<detail>.*)")


@dataclass
class Observed:
    fault: Fault
    url: str
    kind: str
    hits: int | None
    detail: str
    warc_records: int  # response records for the URL (after redirects: the first URL)


@dataclass
class Matrix:
    output: CrawlOutput
    rows: list[Observed]
    records: list[dict[str, Any]]
    warc_truncated: list[str]  # WARC-Truncated values of response records

    def table(self) -> str:
        head = ("fault", "path", "expected", "observed", "hits", "limit named", "WARC")
        lines = [head, tuple("---" for _ in head)]
        for row in self.rows:
            named = row.fault.setting if row.fault.setting in row.detail else "-"
            hits = "-" if row.hits is None else f"{row.hits}/{row.fault.hits}"
            lines.append(
                (
                    row.fault.name,
                    row.fault.path,
                    row.fault.kind,
                    row.kind,
                    hits,
                    named,
                    str(row.warc_records),
                )
            )
        return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def run_matrix(workdir: Path) -> Matrix:
    with FaultServer() as server:
        urls = {f.path: server.base_url + f.path for f in FAULTS}
        urls[CLOSED_PORT_PATH] = f"http://127.0.0.1:{closed_port()}{CLOSED_PORT_PATH}"
        profile = workdir / "faults.toml"
        start = ",\n  ".join(f'"{url}"' for url in urls.values())
        profile.write_text(
            f'name = "faults"\nsitemaps_from_robots = false\ndepth_limit = 0\n'
            f'start_urls = [\n  {start}\n]\n[article_urls]\nallow = ["."]\n',
            encoding="utf-8",
        )
        args = [arg for setting in SETTINGS for arg in ("-s", setting)]
        process = run_archivist(
            "crawl",
            str(profile),
            "--out",
            str(workdir / "out"),
            "--crawl-id",
            "m",
            *args,
            timeout=240,
        )
        hits = dict(server.hits)
    output = CrawlOutput(workdir / "out" / "faults" / "m", process)
    return _observe(output, urls, hits)


def _observe(output: CrawlOutput, urls: dict[str, str], hits: dict[str, int]) -> Matrix:
    errors: dict[str, tuple[str, str]] = {}
    for match in _ERROR_LINE.finditer(output.process.stderr):
        path = "/" + match["url"].split("/", 3)[-1].split("?", 1)[0]
        errors.setdefault(path, (match["kind"], match["detail"]))
    records = output.records if (output.root / "articles.jsonl").exists() else []
    written = {"/" + r["url"].split("/", 3)[-1] for r in records}
    responses: dict[str, int] = {}
    truncated: list[str] = []
    for warc in output.warc_files:
        with warc.open("rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type == "response":
                    uri = record.rec_headers.get_header("WARC-Target-URI")
                    path = "/" + uri.split("/", 3)[-1].split("?", 1)[0]
                    responses[path] = responses.get(path, 0) + 1
                    if record.rec_headers.get_header("WARC-Truncated"):
                        truncated.append(record.rec_headers.get_header("WARC-Truncated"))
    rows = []
    for fault in FAULTS:
        kind, detail = errors.get(fault.path, ("", ""))
        if fault.path in written:
            kind = WRITTEN
        rows.append(
            Observed(
                fault,
                urls[fault.path],
                kind or "(nothing)",
                None if fault.hits is None else hits.get(fault.path, 0),
                detail,
                responses.get(fault.path, 0),
            )
        )
    return Matrix(output, rows, records, truncated)


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path(tempfile.mkdtemp(prefix="fault-matrix-"))
    folder.mkdir(parents=True, exist_ok=True)
    matrix = run_matrix(folder)
    print(matrix.table())
    print(f"\ncrawl.json errors: {matrix.output.report['errors']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
