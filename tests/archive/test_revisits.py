"""Revisit records: how they are written, when dedup makes one, how readers resolve them."""

from __future__ import annotations

import gzip
import hashlib
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from fastwarc.warc import ArchiveIterator as FastArchiveIterator
from warcio.archiveiterator import ArchiveIterator

from archive.capture import (
    EMPTY_PAYLOAD_DIGEST,
    PROFILE_IDENTICAL_PAYLOAD,
    PROFILE_SERVER_NOT_MODIFIED,
    Revisit,
    payload_digest,
    warc_date,
)
from archive.reader import ReadStats, iter_responses
from archive.revisits import (
    MemoryDigestIndex,
    PayloadDedup,
    PreviousRecord,
    revisit_gives_article,
)
from tests.archive import FETCHED_AT, make_capture, make_writer

# Hex digests hardly compress, so the gzip body stays above the dedup minimum.
_TEXT = "".join(hashlib.sha256(bytes([n])).hexdigest() for n in range(40)).encode()
BIG_HTML = b"<html><body><p>" + _TEXT + b"</p></body></html>"
BIG_BODY = gzip.compress(BIG_HTML, mtime=0)
FIRST = "https://news.example.com/a?id=1"
SECOND = "https://news.example.com/b?id=2"


def dedup_writes(directory: Path, urls: list[str], min_size: int = 100) -> list[Path]:
    dedup = PayloadDedup(MemoryDigestIndex(), min_size=min_size)
    with make_writer(directory) as writer:
        for url in urls:
            capture = make_capture(url, body=BIG_BODY)
            revisit = dedup.revisit_for(capture)
            location = writer.write_capture(capture, revisit=revisit)
            if revisit is None:
                dedup.stored(capture, location)
    return writer.files


def test_revisit_record_headers(tmp_path: Path) -> None:
    (path,) = dedup_writes(tmp_path, [FIRST, SECOND])
    with path.open("rb") as fh:
        records = [
            (r.rec_type, r.rec_headers, r.http_headers, r.raw_stream.read())
            for r in ArchiveIterator(fh)
        ]
    kinds = [kind for kind, *_ in records]
    assert kinds == ["warcinfo", "request", "response", "request", "revisit"]
    _, original, _, _ = records[2]
    _, warc, http, payload = records[4]
    assert warc.get_header("WARC-Profile") == PROFILE_IDENTICAL_PAYLOAD
    assert warc.get_header("WARC-Refers-To") == original.get_header("WARC-Record-ID")
    assert warc.get_header("WARC-Refers-To-Target-URI") == FIRST
    assert warc.get_header("WARC-Refers-To-Date") == warc_date(FETCHED_AT)
    assert warc.get_header("WARC-Truncated") == "length"
    assert warc.get_header("WARC-Payload-Digest") == payload_digest(BIG_BODY)
    assert warc.get_header("WARC-Target-URI") == SECOND
    assert warc.get_header("WARC-IP-Address") == "203.0.113.7"
    assert payload == b""  # headers kept, payload left out
    assert http.get_statuscode() == "200"
    assert [v for n, v in http.headers if n == "Set-Cookie"] == ["a=1; Path=/", "b=2; Path=/"]


def test_revisit_block_digest_is_right(tmp_path: Path) -> None:
    (path,) = dedup_writes(tmp_path, [FIRST, SECOND])
    with path.open("rb") as fh:
        for record in FastArchiveIterator(fh, parse_http=False):
            assert record.verify_block_digest(), record.headers["WARC-Type"]


def test_warcio_check_passes_the_revisit(tmp_path: Path) -> None:
    """warcio check reports every record; read its lines, not only the exit status."""
    (path,) = dedup_writes(tmp_path, [FIRST, SECOND])
    warcio = Path(sys.executable).with_name("warcio")
    result = subprocess.run(
        [str(warcio), "check", "-v", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "fail" not in result.stdout
    assert result.stdout.count("digest pass") >= 4


def test_no_revisit_for_small_empty_or_error_bodies() -> None:
    dedup = PayloadDedup(MemoryDigestIndex(), min_size=100)
    index = MemoryDigestIndex()
    for capture in (
        make_capture(body=b""),
        make_capture(body=b"x" * 99),
        make_capture(body=BIG_BODY, status=404),
    ):
        dedup.stored(capture, _location(capture.body))  # type: ignore[arg-type]
        assert dedup.revisit_for(capture) is None
    # Even with min_size 0, the empty digest never drives dedup.
    zero = PayloadDedup(index, min_size=0)
    empty = make_capture(body=b"")
    zero.stored(empty, _location(b""))  # type: ignore[arg-type]
    assert index.find_payload(EMPTY_PAYLOAD_DIGEST) is None
    assert zero.revisit_for(empty) is None


def test_not_modified_refers_to_the_previous_record() -> None:
    dedup = PayloadDedup(MemoryDigestIndex())
    previous = PreviousRecord(FIRST, "2024-04-01T00:00:00.000000Z", "<urn:uuid:p>", "sha1:AB")
    not_modified = make_capture(FIRST, body=b"", status=304)
    assert dedup.revisit_for(not_modified) is None  # not a conditional request of ours
    revisit = dedup.revisit_for(not_modified, previous)
    assert revisit == Revisit(
        PROFILE_SERVER_NOT_MODIFIED, "<urn:uuid:p>", FIRST, previous.warc_date, "sha1:AB"
    )


def test_which_revisits_give_an_article() -> None:
    same = Revisit(PROFILE_IDENTICAL_PAYLOAD, "<urn:uuid:1>", FIRST, "d", "sha1:X")
    assert revisit_gives_article(SECOND, same, original_in_same_crawl=True)
    assert not revisit_gives_article(FIRST, same, original_in_same_crawl=True)
    assert not revisit_gives_article(SECOND, same, original_in_same_crawl=False)
    not_modified = replace(same, profile=PROFILE_SERVER_NOT_MODIFIED)
    assert not revisit_gives_article(SECOND, not_modified, original_in_same_crawl=True)


def test_reader_resolves_a_revisit_to_its_original(tmp_path: Path) -> None:
    stats = ReadStats()
    original, revisit = iter_responses(dedup_writes(tmp_path, [FIRST, SECOND]), stats)
    assert original.revisit is None and original.body == BIG_HTML
    assert revisit.url == SECOND
    assert revisit.body == BIG_HTML
    assert revisit.original == original.location
    assert revisit.original_crawl_id == original.crawl_id
    assert revisit.location.record_id != original.location.record_id
    assert (stats.revisits, stats.unresolved_revisits) == (1, 0)


def test_unresolved_revisit_is_counted_and_yielded_empty(tmp_path: Path) -> None:
    files = dedup_writes(tmp_path, [FIRST, SECOND])
    data = files[0].read_bytes()
    first_response = next(r for r in iter_responses(files))
    # Cut the original's request and response out: the revisit is left alone.
    start = first_response.location.offset
    end = start + first_response.location.length
    alone = tmp_path / "alone.warc.gz"
    alone.write_bytes(data[: start - _request_length(files[0], start)] + data[end:])
    stats = ReadStats()
    (revisit,) = iter_responses([alone], stats)
    assert revisit.revisit is not None and revisit.original is None and revisit.body == b""
    assert stats.unresolved_revisits == 1


def _request_length(path: Path, response_offset: int) -> int:
    with path.open("rb") as fh:
        records = ArchiveIterator(fh)
        for record in records:
            if record.rec_type == "request":
                records.read_to_end()
                if records.get_record_offset() + records.get_record_length() == response_offset:
                    return int(records.get_record_length())
    raise AssertionError("no request before the response")


def _location(body: bytes) -> object:
    from archive.capture import WarcLocation

    return WarcLocation("f.warc.gz", 0, 1, "<urn:uuid:x>", payload_digest(body))


@pytest.mark.parametrize("min_size", [1, 100])
def test_state_index_dedups_across_writers(tmp_path: Path, min_size: int) -> None:
    from archive.state import StateStore

    with StateStore(tmp_path / "state.sqlite") as store:
        first = PayloadDedup(store, min_size=min_size)
        capture = make_capture(FIRST, body=BIG_BODY)
        first.stored(capture, _location(BIG_BODY))  # type: ignore[arg-type]
        later = PayloadDedup(store, min_size=min_size)  # the next crawl
        revisit = later.revisit_for(make_capture(FIRST, body=BIG_BODY))
        assert revisit is not None and revisit.record_id == "<urn:uuid:x>"
        assert not later.in_this_run(revisit) and first.in_this_run(revisit)
