"""CDXJ indexes of WARC files: one sorted index per file, merged per crawl.

A CDXJ line is ``SURT TIMESTAMP JSON``, as pywb and cdxj-indexer write it::

    com,example)/a?x=1 20240420103000 {"url": "https://example.com/a?x=1", "mime":
    "text/html", "status": "200", "digest": "sha1:...", "length": "812", "offset": "914",
    "filename": "archivist-....warc.gz"}

(one line). Indexed: `response`, `revisit` and `resource` records, the ones a replay
tool serves; `revisit` records get mime "warc/revisit" like cdxj-indexer gives them.
Metadata records are not indexed, so a replay tool never serves one in place of a page.

Per-file indexes are written when a WARC file is finished (archive.warc's
`on_file_closed`) and merged by a streaming sort-merge, so a crawl's index is built
without holding it in memory.
"""

from __future__ import annotations

import heapq
import json
import logging
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import surt
from warcio.archiveiterator import ArchiveIterator
from warcio.timeutils import iso_date_to_timestamp

logger = logging.getLogger(__name__)

INDEX_SUFFIX = ".cdxj"
INDEXED_RECORD_TYPES = frozenset({"response", "revisit", "resource"})
REVISIT_MIME = "warc/revisit"
# Field order of every line (cdxj-indexer's default order).
INDEX_FIELDS = ("url", "mime", "status", "digest", "length", "offset", "filename")
# A Content-Type is cut at the first ";" or whitespace (cdxj-indexer does the same).
_MIME_END = re.compile(r"[;\s]")


def url_key(url: str) -> str:
    """The SURT form of `url`, the sort key of CDXJ lines; the URL itself if unparsable."""
    try:
        key: str = surt.surt(url)
    except ValueError:
        return url
    return key


def _mime(record: Any) -> str | None:
    if record.rec_type == "revisit":
        return REVISIT_MIME
    if record.http_headers is not None and record.rec_type == "response":
        value = record.http_headers.get_header("Content-Type")
    else:
        value = record.rec_headers.get_header("Content-Type")
    return _MIME_END.split(value, maxsplit=1)[0].strip() if value else None


def _status(record: Any) -> str | None:
    if record.http_headers is None or record.rec_type == "resource":
        return None
    return str(record.http_headers.get_statuscode())


def cdxj_line(record: Any, offset: int, length: int, filename: str) -> str:
    """The index line of one record (read to its end, so its length is known)."""
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI")
    values = {
        "url": url,
        "mime": _mime(record),
        "status": _status(record),
        "digest": headers.get_header("WARC-Payload-Digest"),
        "length": str(length),
        "offset": str(offset),
        "filename": filename,
    }
    fields = {name: values[name] for name in INDEX_FIELDS if values[name] is not None}
    timestamp = iso_date_to_timestamp(headers.get_header("WARC-Date"))
    return f"{url_key(url)} {timestamp} {json.dumps(fields)}"


def iter_index_lines(path: Path) -> Iterator[str]:
    """Index lines of one WARC file, in record order (not sorted)."""
    with Path(path).open("rb") as fh:
        records = ArchiveIterator(fh)
        for record in records:
            if record.rec_type not in INDEXED_RECORD_TYPES:
                continue
            records.read_to_end()
            yield cdxj_line(
                record, records.get_record_offset(), records.get_record_length(), path.name
            )


def index_path_for(warc: Path, index_dir: Path) -> Path:
    return index_dir / (warc.name + INDEX_SUFFIX)


def write_file_index(warc: Path, index_dir: Path) -> Path:
    """Write the sorted index of one WARC file to INDEX_DIR/<name>.cdxj (atomically)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    target = index_path_for(warc, index_dir)
    lines = sorted(iter_index_lines(warc))  # one file's lines: bounded by its size
    _write_lines(target, lines)
    logger.info("Indexed %s: %d lines in %s", warc.name, len(lines), target)
    return target


def merge_indexes(indexes: Iterable[Path], target: Path) -> int:
    """Sort-merge sorted CDXJ files into `target` (atomically); return the line count."""
    with ExitStack() as stack:
        streams = [stack.enter_context(p.open(encoding="utf-8")) for p in sorted(indexes)]
        lines = (line.rstrip("\n") for line in heapq.merge(*streams))
        count = _write_lines(target, lines)
    logger.info("Merged %d index file(s) into %s (%d lines)", len(streams), target, count)
    return count


def _write_lines(target: Path, lines: Iterable[str]) -> int:
    temporary = target.with_name(target.name + ".tmp")
    count = 0
    with temporary.open("w", encoding="utf-8", newline="\n") as out:
        for line in lines:
            out.write(line + "\n")
            count += 1
    os.replace(temporary, target)
    return count


def parse_line(line: str) -> tuple[str, str, dict[str, str]]:
    """(SURT key, timestamp, fields) of one CDXJ line."""
    key, timestamp, data = line.rstrip("\n").split(" ", 2)
    fields: dict[str, str] = json.loads(data)
    return key, timestamp, fields
