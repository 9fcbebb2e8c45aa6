"""Streaming WARC reading: every stored HTTP response, with its body decoded.

`iter_responses` walks WARC files record by record (warcio's ArchiveIterator; nothing
holds a whole file) and yields a `StoredResponse` for every `response` record that has
an HTTP payload, and for every `revisit` record. Bodies come from warcio's
`content_stream()`, so chunking and Content-Encoding (gzip, deflate, br) are removed; the
headers are those stored, so Content-Encoding still names the stored coding.

A revisit is resolved to its original: the response record named by its WARC-Refers-To,
if that record was read earlier in the same iteration (originals always come before
their revisits), gives the body; the URL, date, headers and location are the revisit's
own. An unresolved revisit is yielded with an empty body and `original` None, and
counted in `ReadStats.unresolved_revisits`.

Reading is tolerant: a record that cannot be decoded, or a file that ends in a corrupt or
truncated gzip member, is logged with the file name and counted in `ReadStats`; the
iteration goes on with the next record (when the record framing is intact) or the next
file.
"""

from __future__ import annotations

import logging
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BufferedReader, ChunkedDataReader
from warcio.exceptions import ArchiveLoadFailed

from archive.capture import Revisit, WarcLocation

logger = logging.getLogger(__name__)

# Folder expansion picks these, sorted by name; `.open` files are being written.
WARC_GLOBS = ("*.warc.gz", "*.warc")
OPEN_SUFFIX = ".open"

# Field of our warcinfo records that names the crawl (archive.warc writes it).
CRAWL_ID_FIELD = "archivist-crawl-id"
# Records that hold an HTTP response: in full, or as a revisit (headers only).
HTTP_RESPONSE_TYPES = frozenset({"response", "revisit"})
# The metadata records attached to a response are warc-fields (archive.warc writes them).
WARC_FIELDS_TYPE = "application/warc-fields"


class _BrotliDecompressor:
    """warcio's decompressor protocol over `brotli.Decompressor`.

    warcio 1.8 sets `unused_data` on, and calls `decompress` of, the brotli object;
    brotli >= 1.1 has neither, so warcio's own "br" support fails on every record.
    """

    unused_data = b""  # brotli streams are not multi-member

    def __init__(self) -> None:
        import brotli  # only br bodies need it

        self._decompressor = brotli.Decompressor()

    def decompress(self, data: bytes) -> bytes:
        result: bytes = self._decompressor.process(data)
        return result

    def flush(self) -> bytes:
        return b""


# warcio's decompressors with a working "br" entry (class attributes, not a global patch).
_DECOMPRESSORS = {**BufferedReader.DECOMPRESSORS, "br": _BrotliDecompressor}


class _DecodingReader(BufferedReader):  # type: ignore[misc]
    DECOMPRESSORS = _DECOMPRESSORS


class _DechunkingReader(ChunkedDataReader):  # type: ignore[misc]
    DECOMPRESSORS = _DECOMPRESSORS


def content_stream(record: Any) -> Any:
    """The record's HTTP payload with chunking and Content-Encoding removed: warcio's
    `ArcWarcRecord.content_stream()`, with brotli that works. Unknown codings are left
    as they are."""
    encoding = (record.http_headers.get_header("content-encoding") or "").strip().lower()
    decomp_type = encoding if encoding in _DECOMPRESSORS else None
    if record.http_headers.get_header("transfer-encoding") == "chunked":
        return _DechunkingReader(record.raw_stream, decomp_type=decomp_type)
    if decomp_type:
        return _DecodingReader(record.raw_stream, decomp_type=decomp_type)
    return record.raw_stream


class WarcReadError(Exception):
    """A record is missing, truncated or corrupt, or is not the response asked for."""


# What a broken file or record raises while warcio reads it: bad record headers raise
# ArchiveLoadFailed or ValueError, broken gzip framing OSError, EOFError or zlib.error;
# truncation that warcio reads as a clean end is turned into WarcReadError here.
_READ_ERRORS: tuple[type[Exception], ...] = (
    WarcReadError,
    ArchiveLoadFailed,
    OSError,
    EOFError,
    ValueError,
    zlib.error,
)
# Of those, the errors after which the rest of the file cannot be trusted.
_FRAMING_ERRORS: tuple[type[Exception], ...] = (
    WarcReadError,
    ArchiveLoadFailed,
    OSError,
    EOFError,
    zlib.error,
)


@dataclass(frozen=True, slots=True)
class StoredResponse:
    """One archived HTTP response, as stored (headers) and as meant (decoded body)."""

    url: str
    status: int
    headers: tuple[tuple[str, str], ...]  # as stored, repeated names kept
    body: bytes  # Content-Encoding and chunking removed
    payload_digest: str | None  # WARC-Payload-Digest: over the body as stored
    fetched_at: str  # WARC-Date exactly as stored
    location: WarcLocation
    crawl_id: str | None  # from the file's latest warcinfo record, if any
    ip: str | None  # WARC-IP-Address
    # warc-fields of the metadata record that follows the response and refers to it
    # (Archivist writes one per capture: page kind, hops, referrer, discovery facts).
    metadata: tuple[tuple[str, str], ...] = ()
    # For a revisit record: what it refers to, and where the original was found (None
    # when it was not) with the crawl ID of the original's file.
    revisit: Revisit | None = None
    original: WarcLocation | None = None
    original_crawl_id: str | None = None

    def meta_field(self, name: str) -> str | None:
        """The first value of `name` in the response's metadata record, or None."""
        return next((value for key, value in self.metadata if key == name), None)

    def header(self, name: str) -> str | None:
        """The first stored value of header `name` (case-insensitive), or None."""
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), None)


@dataclass(slots=True)
class ReadStats:
    """Counters a caller may pass to `iter_responses` to learn what was read and skipped."""

    files: int = 0
    records: int = 0
    responses: int = 0
    revisits: int = 0
    unresolved_revisits: int = 0
    errors: int = 0
    failed_files: list[str] = field(default_factory=list)


def expand_warc_paths(args: Iterable[Path | str]) -> list[Path]:
    """Files as given, folders expanded to their `*.warc.gz` and `*.warc` files sorted by
    name. `.open` files (still being written) are only read when named explicitly."""
    paths: list[Path] = []
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            found = {p for pattern in WARC_GLOBS for p in path.glob(pattern) if p.is_file()}
            paths.extend(sorted(found))
        else:
            paths.append(path)
    return paths


@dataclass(frozen=True, slots=True)
class _Original:
    path: Path
    offset: int
    crawl_id: str | None


class _Originals:
    """Response records read so far, by record ID, to resolve revisits against. Only
    2xx responses with a payload digest are kept (the only ones dedup refers to)."""

    def __init__(self) -> None:
        self._by_id: dict[str, _Original] = {}

    def add(self, response: StoredResponse, path: Path) -> None:
        if response.revisit is None and response.payload_digest and 200 <= response.status < 300:
            original = _Original(path, response.location.offset, response.crawl_id)
            self._by_id[response.location.record_id] = original

    def resolve(self, response: StoredResponse, stats: ReadStats) -> StoredResponse:
        assert response.revisit is not None
        stats.revisits += 1
        found = self._by_id.get(response.revisit.record_id)
        if found is None:
            stats.unresolved_revisits += 1
            logger.debug("Revisit %s: original %s not read", response.url, response.revisit)
            return response
        original = read_record_at(found.path, found.offset)
        return replace(
            response,
            body=original.body,
            original=original.location,
            original_crawl_id=found.crawl_id,
        )


def iter_responses(
    paths: Iterable[Path], stats: ReadStats | None = None
) -> Iterator[StoredResponse]:
    """Yield every HTTP response and revisit stored in `paths`, in file order then record
    order; revisits resolved to the originals read before them."""
    stats = stats if stats is not None else ReadStats()
    originals = _Originals()
    for path in paths:
        stats.files += 1
        try:
            with Path(path).open("rb") as fh:
                for response in _iter_file(fh, Path(path).name, stats):
                    if response.revisit is not None:
                        yield originals.resolve(response, stats)
                    else:
                        originals.add(response, Path(path))
                        yield response
        except _READ_ERRORS as exc:
            stats.errors += 1
            stats.failed_files.append(str(path))
            logger.warning("Skipping the rest of WARC file %s: %s", path, exc)


def read_record_at(path: Path, offset: int) -> StoredResponse:
    """The response record whose gzip member starts at `offset` in `path` (one seek).

    The crawl ID comes from the warcinfo record at the start of the file, if any.
    Raises WarcReadError when there is no decodable response record there.
    """
    return next(iter_records_at(path, [offset]))


def iter_records_at(path: Path, offsets: Iterable[int]) -> Iterator[StoredResponse]:
    """The response records at `offsets` in `path`, in the order given, each with the
    metadata record that follows and refers to it; the file is opened once.

    Raises WarcReadError when there is no decodable response record at an offset.
    """
    path = Path(path)
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise WarcReadError(f"Cannot open the WARC file {path}: {exc}") from exc
    with fh:
        try:
            crawl_id = _leading_crawl_id(fh)
        except _READ_ERRORS as exc:
            raise WarcReadError(f"Cannot read the warcinfo record of {path}: {exc}") from exc
        for offset in offsets:
            yield _read_at(fh, path, offset, crawl_id)


def _read_at(fh: BinaryIO, path: Path, offset: int, crawl_id: str | None) -> StoredResponse:
    try:
        fh.seek(offset)
        records = ArchiveIterator(fh)
        record = next(records, None)
        if record is None or not _is_http_response(record):
            raise WarcReadError(f"No HTTP response record at offset {offset} in {path}")
        response = _stored_response(records, record, path.name, crawl_id)
    except WarcReadError:
        raise
    except _READ_ERRORS as exc:
        raise WarcReadError(f"Cannot read the record at offset {offset} in {path}") from exc
    return _with_metadata(records, response)


def _with_metadata(records: Any, response: StoredResponse) -> StoredResponse:
    """Attach the metadata record that follows `response`, if it refers to it (a broken
    next record leaves the response as it is, as the streaming reader does)."""
    try:
        following = next(records, None)
        if following is not None and _refers_to(following, response):
            return replace(response, metadata=_fields(following))
    except _READ_ERRORS as exc:
        logger.debug("No metadata read after %s: %s", response.location, exc)
    return response


def _iter_file(fh: BinaryIO, filename: str, stats: ReadStats) -> Iterator[StoredResponse]:
    """Responses in record order. A response is held back until the next record is
    read, so that the metadata record referring to it can be attached."""
    records = ArchiveIterator(fh)
    crawl_id: str | None = None
    pending: StoredResponse | None = None
    try:
        for record in records:
            stats.records += 1
            if pending is not None and _refers_to(record, pending):
                pending = replace(pending, metadata=_fields(record))
            elif pending is not None:
                done, pending = pending, None
                yield done
            if record.rec_type == "warcinfo":
                crawl_id = _warcinfo_field(record, CRAWL_ID_FIELD)
            elif _is_http_response(record):
                pending = _decoded_or_none(records, record, filename, crawl_id, stats)
                if pending is not None:
                    stats.responses += 1
            _check_complete(records, record)
    except _READ_ERRORS:
        # A whole response read before a broken record is still good.
        if pending is not None:
            yield pending
        raise
    if pending is not None:
        yield pending
    _check_fully_read(records, fh)


def _refers_to(record: Any, response: StoredResponse) -> bool:
    warc = record.rec_headers
    return bool(
        record.rec_type == "metadata"
        and warc.get_header("Content-Type") == WARC_FIELDS_TYPE
        and warc.get_header("WARC-Refers-To") == response.location.record_id
    )


def _fields(record: Any) -> tuple[tuple[str, str], ...]:
    """The (name, value) lines of an application/warc-fields block."""
    block = record.content_stream().read().decode("utf-8", errors="replace")
    pairs = []
    for line in block.splitlines():
        name, sep, value = line.partition(":")
        if sep and name.strip():
            pairs.append((name.strip(), value.strip()))
    return tuple(pairs)


def _check_complete(records: Any, record: Any) -> None:
    """Raise WarcReadError if the file ended before the record's headers or its
    Content-Length did (warcio reads a truncated gzip member as a short record)."""
    records.read_to_end()
    where = f"the record at offset {records.get_record_offset()}"
    if record.length is None:  # the headers ended before Content-Length
        raise WarcReadError(f"{where} is truncated in its WARC headers")
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        raise WarcReadError(f"{where} is truncated: {missing} bytes missing")


def _check_fully_read(records: Any, fh: BinaryIO) -> None:
    """Raise WarcReadError if bytes are left after the last record warcio could parse
    (a truncated or corrupt gzip member at the end of the file)."""
    size = os.fstat(fh.fileno()).st_size
    if records.offset < size:
        raise WarcReadError(
            f"{size - records.offset} bytes after offset {records.offset} are not a record"
        )


def _decoded_or_none(
    records: Any, record: Any, filename: str, crawl_id: str | None, stats: ReadStats
) -> StoredResponse | None:
    """The record as a StoredResponse; a record whose body or status cannot be decoded
    is logged and counted (its framing is intact, so the file goes on)."""
    try:
        return _stored_response(records, record, filename, crawl_id)
    except _READ_ERRORS as exc:
        if isinstance(exc, _FRAMING_ERRORS):
            raise  # the rest of the file cannot be trusted
        stats.errors += 1
        uri = record.rec_headers.get_header("WARC-Target-URI")
        logger.warning("Skipping record %s in WARC file %s: %s", uri, filename, exc)
        return None


def _is_http_response(record: Any) -> bool:
    return record.rec_type in HTTP_RESPONSE_TYPES and record.http_headers is not None


def _revisit_of(record: Any) -> Revisit | None:
    if record.rec_type != "revisit":
        return None
    warc = record.rec_headers
    return Revisit(
        profile=warc.get_header("WARC-Profile") or "",
        record_id=warc.get_header("WARC-Refers-To") or "",
        target_uri=warc.get_header("WARC-Refers-To-Target-URI") or "",
        date=warc.get_header("WARC-Refers-To-Date") or "",
        payload_digest=warc.get_header("WARC-Payload-Digest"),
    )


def _stored_response(
    records: Any, record: Any, filename: str, crawl_id: str | None
) -> StoredResponse:
    """Build the StoredResponse; reads the body before asking for the member's length,
    which warcio only knows once the record has been read to its end. Raises
    WarcReadError for a truncated record."""
    warc = record.rec_headers
    http = record.http_headers
    status = int(http.get_statuscode())
    body = content_stream(record).read()
    _check_complete(records, record)
    location = WarcLocation(
        filename=filename,
        offset=records.get_record_offset(),
        length=records.get_record_length(),
        record_id=warc.get_header("WARC-Record-ID"),
        payload_digest=warc.get_header("WARC-Payload-Digest"),
    )
    return StoredResponse(
        url=warc.get_header("WARC-Target-URI"),
        status=status,
        headers=tuple((str(name), str(value)) for name, value in http.headers),
        body=body,
        payload_digest=location.payload_digest,
        fetched_at=warc.get_header("WARC-Date"),
        location=location,
        crawl_id=crawl_id,
        ip=warc.get_header("WARC-IP-Address"),
        revisit=_revisit_of(record),
    )


def _warcinfo_field(record: Any, name: str) -> str | None:
    """The value of `name` in a warcinfo record's application/warc-fields block."""
    wanted = name.lower()
    return next((value for key, value in _fields(record) if key.lower() == wanted), None) or None


def _leading_crawl_id(fh: BinaryIO) -> str | None:
    """The crawl ID of the warcinfo record at the start of the file, if there is one."""
    fh.seek(0)
    record = next(ArchiveIterator(fh), None)
    if record is None or record.rec_type != "warcinfo":
        return None
    return _warcinfo_field(record, CRAWL_ID_FIELD)
