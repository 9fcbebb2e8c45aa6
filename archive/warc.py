"""Writing WARC/1.1 files: one request + response record pair per HTTP capture.

`WarcWriter` turns `archive.capture.HttpCapture` values into records serialised by
warcio (which computes WARC-Block-Digest and WARC-Payload-Digest, sha1 Base32), one gzip
member per record, in rotating files named
``{prefix}-{YYYYmmddHHMMSS}-{serial:05d}-{host}-{pid}.warc.gz``.

Contract:
- every file starts with a `warcinfo` record; it is written as ``<name>.open`` and
  renamed to ``<name>`` when it is finished (rotation or `close`), so a finished name
  never refers to a half-written file;
- the records of one capture are serialised to a spool first and then appended and
  flushed, so a crash loses at most the capture being written, and a failed write is
  truncated away;
- a file is rotated before a capture that would push it past `max_size`; a capture
  larger than `max_size` gets a file of its own;
- the `WarcLocation` returned for a record names the final file, and its offset and
  length are those of the record's gzip member;
- a capture given a `Revisit` is written as a `revisit` record (WARC/1.1 profile,
  WARC-Refers-To, WARC-Refers-To-Target-URI, WARC-Refers-To-Date, WARC-Truncated:
  length) that keeps the HTTP headers and drops the payload; warcio's
  `create_revisit_record` adds neither WARC-Refers-To nor WARC-Truncated, so it is not
  used;
- `on_file_closed`, if given, is called with the path of every finished file (to index it).

No Scrapy or Twisted here: `pipelines.warc` adapts Scrapy objects to `HttpCapture`.
"""

from __future__ import annotations

import importlib.metadata
import logging
import os
import re
import shutil
import socket
import tempfile
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Self
from urllib.parse import quote, urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archive.capture import HttpCapture, Revisit, WarcLocation, warc_date

logger = logging.getLogger(__name__)

WARC_VERSION = "1.1"
WARC_PROTOCOL_LINE = "WARC/1.1"
FILE_SUFFIX = ".warc.gz"
OPEN_SUFFIX = ".open"
FILE_TIMESTAMP_FORMAT = "%Y%m%d%H%M%S"
DEFAULT_MAX_SIZE = 1_000_000_000

# Characters allowed in the prefix and host parts of a file name; others become "-".
_UNSAFE_NAME_CHARS = re.compile(r"[^A-Za-z0-9_.-]")
NAME_PART_MAX = 64

# Hop-by-hop framing that no longer describes the stored body (it is de-chunked).
DROPPED_HEADERS = frozenset({"transfer-encoding"})

# Status lines are written in HTTP/1.x syntax; only an HTTP/1.0 exchange keeps "HTTP/1.0".
HTTP_1_0 = "HTTP/1.0"
HTTP_1_1 = "HTTP/1.1"
# Values of HttpCapture.protocol that get a WARC-Protocol header (WARC/1.1 annotation).
WARC_PROTOCOL_VALUES = frozenset({"h2", "h3"})

# Default ports left out of an added Host header.
DEFAULT_PORTS = {"http": 80, "https": 443}

# Characters kept as they are when a request target is made ASCII (reserved + "%").
_REQUEST_TARGET_SAFE = "!#$%&'()*+,/:;=?@[]~"

# Capture records are serialised in memory up to this size, then spill to a temp file.
SPOOL_MAX_BYTES = 8 * 1024 * 1024

WARCINFO_FORMAT = "WARC File Format 1.1"
WARCINFO_CONFORMS_TO = (
    "http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"
)
# What the archive does not keep from the wire; written into every warcinfo record.
FIDELITY_NOTES: tuple[tuple[str, str], ...] = (
    (
        "archivist-fidelity-status-line",
        "the reason phrase is the standard phrase for the status code, not the server's;"
        " HTTP/2 exchanges are written in HTTP/1.1 syntax and marked WARC-Protocol: h2",
    ),
    (
        "archivist-fidelity-headers",
        "header order and case, and connection-level headers, may differ from the wire;"
        " Transfer-Encoding is dropped because the body is stored de-chunked;"
        " Content-Encoding is kept with the encoded body;"
        " non-ASCII header values are percent-encoded (RFC 8187);"
        " Host is added to requests that do not record it",
    ),
)

WARCINFO_CONTENT_TYPE = "application/warc-fields"
# Metadata records holding an extracted article (pipelines.warc, item_scraped).
JSON_CONTENT_TYPE = "application/json"
# A revisit record's block is the HTTP headers only: the payload was left out on purpose.
TRUNCATED_LENGTH = "length"


def _archivist_version() -> str:
    try:
        return importlib.metadata.version("archivist")
    except importlib.metadata.PackageNotFoundError:
        return "0+unknown"  # running from a source tree that was not installed


SOFTWARE = f"Archivist/{_archivist_version()} (warcio/{importlib.metadata.version('warcio')})"


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _uuid_record_id() -> str:
    return f"<urn:uuid:{uuid.uuid4()}>"


def safe_name_part(text: str) -> str:
    """`text` with every character outside [A-Za-z0-9_.-] replaced by '-', at most
    NAME_PART_MAX characters (a file name must stay under the file system's 255 bytes)."""
    return _UNSAFE_NAME_CHARS.sub("-", text)[:NAME_PART_MAX] or "-"


def reason_phrase(status: int) -> str:
    """The standard reason phrase for `status` (http.HTTPStatus), '' if unknown."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def request_target(url: str) -> str:
    """The origin-form request target of `url`: path (or '/') plus '?query', ASCII."""
    parts = urlsplit(url)
    target = parts.path or "/"
    if parts.query:
        target = f"{target}?{parts.query}"
    return quote(target, safe=_REQUEST_TARGET_SAFE)


def host_header(url: str) -> str:
    """The Host header value for `url`: host, plus the port when it is not the default."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    if parts.port is not None and parts.port != DEFAULT_PORTS.get(parts.scheme):
        host = f"{host}:{parts.port}"
    return host


def _kept_headers(headers: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(name, value) for name, value in headers if name.lower() not in DROPPED_HEADERS]


def _status_protocol(capture: HttpCapture) -> str:
    return HTTP_1_0 if capture.protocol == HTTP_1_0 else HTTP_1_1


def response_http_headers(capture: HttpCapture) -> StatusAndHeaders:
    """Status line and headers of the response record (every value of repeated names)."""
    status = f"{capture.status} {reason_phrase(capture.status)}"
    headers = _kept_headers(capture.response_headers)
    return StatusAndHeaders(status, headers, protocol=_status_protocol(capture))


def request_http_headers(capture: HttpCapture) -> StatusAndHeaders:
    """Request line (query string kept) and headers, with Host first when it was missing."""
    headers = _kept_headers(capture.request_headers)
    if not any(name.lower() == "host" for name, _ in headers):
        headers.insert(0, ("Host", host_header(capture.url)))
    line = f"{request_target(capture.url)} {_status_protocol(capture)}"
    return StatusAndHeaders(line, headers, protocol=capture.method.upper())


def _single_line(value: str) -> str:
    """A warc-fields value cannot span lines: CR and LF become spaces."""
    return value.replace("\r", " ").replace("\n", " ")


def warc_fields(fields: Iterable[tuple[str, str]]) -> bytes:
    """`name: value` lines (application/warc-fields), UTF-8; empty values are left out."""
    lines = (f"{_single_line(name)}: {_single_line(value)}\r\n" for name, value in fields if value)
    return "".join(lines).encode("utf-8")


@dataclass(frozen=True, slots=True)
class _Span:
    """A record's gzip member inside a spool, and what the caller needs to know of it."""

    offset: int
    length: int
    record_id: str
    payload_digest: str | None


class WarcWriter:
    """Writes captures and metadata into rotating WARC/1.1 files under `directory`.

    Not thread-safe; one writer per process (the pid is part of every file name).
    """

    def __init__(
        self,
        directory: Path,
        *,
        prefix: str,
        max_size: int = DEFAULT_MAX_SIZE,
        warcinfo: Mapping[str, str] | None = None,
        clock: Callable[[], datetime] = _utc_now,
        make_record_id: Callable[[], str] = _uuid_record_id,
        hostname: str | None = None,
        pid: int | None = None,
        on_file_closed: Callable[[Path], None] | None = None,
    ) -> None:
        if max_size <= 0:
            raise ValueError(f"max_size must be positive, got {max_size}")
        self._directory = Path(directory)
        self._prefix = safe_name_part(prefix)
        self._max_size = max_size
        self._warcinfo = dict(warcinfo or {})
        self._clock = clock
        self._make_record_id = make_record_id
        self._hostname = hostname if hostname is not None else socket.gethostname()
        self._pid = pid if pid is not None else os.getpid()
        self._on_file_closed = on_file_closed
        self._serial = 0
        self._fh: IO[bytes] | None = None
        self._name = ""  # final base name of the open file
        self._file_has_records = False  # anything but the warcinfo record
        self._files: list[Path] = []
        self.records_written = 0
        self.bytes_written = 0

    # -- public API ------------------------------------------------------------------

    @property
    def files(self) -> list[Path]:
        """Finished files written so far, oldest first."""
        return list(self._files)

    @property
    def current_path(self) -> Path | None:
        """The `.open` file being written, or None between files."""
        if self._fh is None:
            return None
        return self._directory / (self._name + OPEN_SUFFIX)

    def write_capture(
        self,
        capture: HttpCapture,
        metadata: Sequence[tuple[str, str]] = (),
        revisit: Revisit | None = None,
    ) -> WarcLocation:
        """Append the request and response records of `capture`; return the response's
        location. Both records carry WARC-Date = warc_date(capture.fetched_at).

        With `revisit`, the response is written as a `revisit` record referring to it
        (the HTTP headers kept, the payload left out). With `metadata` (warc-fields
        pairs), a `metadata` record referring to the response follows it in the same file
        (never split from it by rotation)."""
        response_id = self._make_record_id()
        request_id = self._make_record_id()
        date = warc_date(capture.fetched_at)
        if revisit is None:
            response = self._response_record(capture, response_id, date)
        else:
            response = self._revisit_record(capture, revisit, response_id, date)
        records = [self._request_record(capture, request_id, response_id, date), response]
        if metadata:
            records.append(self._metadata_record(capture.url, response_id, metadata, date))
        return self._append(records)[1]

    def write_metadata(
        self,
        target_uri: str,
        refers_to: str,
        fields: Mapping[str, str] | Sequence[tuple[str, str]],
        when: datetime,
    ) -> WarcLocation:
        """Append a `metadata` record (application/warc-fields) about the record with ID
        `refers_to` (named in both WARC-Concurrent-To and WARC-Refers-To)."""
        pairs = list(fields.items()) if isinstance(fields, Mapping) else list(fields)
        record = self._metadata_record(target_uri, refers_to, pairs, warc_date(when))
        (location,) = self._append((record,))
        return location

    def write_json_metadata(
        self, target_uri: str, refers_to: str, document: bytes, when: datetime
    ) -> WarcLocation:
        """Append a `metadata` record (application/json, e.g. an extracted article) about
        the record with ID `refers_to` (WARC-Refers-To)."""
        headers = self._metadata_headers(target_uri, refers_to, warc_date(when))
        warc_headers = StatusAndHeaders("", headers, protocol=WARC_PROTOCOL_LINE)
        record = self._warcio(BytesIO()).create_warc_record(
            "",
            "metadata",
            payload=BytesIO(document),
            length=len(document),
            warc_headers=warc_headers,
            warc_content_type=JSON_CONTENT_TYPE,
        )
        (location,) = self._append((record,))
        return location

    def _metadata_headers(
        self, target_uri: str, refers_to: str, date: str
    ) -> list[tuple[str, str]]:
        return [
            ("WARC-Type", "metadata"),
            ("WARC-Record-ID", self._make_record_id()),
            ("WARC-Date", date),
            ("WARC-Target-URI", target_uri),
            ("WARC-Concurrent-To", refers_to),
            ("WARC-Refers-To", refers_to),
        ]

    def _metadata_record(
        self, target_uri: str, refers_to: str, pairs: Sequence[tuple[str, str]], date: str
    ) -> Any:
        headers = self._metadata_headers(target_uri, refers_to, date)
        return self._fields_record("metadata", headers, list(pairs))

    def close(self) -> None:
        """Finish the current file (rename `.open` to its final name). Idempotent."""
        if self._fh is None:
            return
        self._fh.close()
        self._fh = None
        final = self._directory / self._name
        (self._directory / (self._name + OPEN_SUFFIX)).rename(final)
        self._files.append(final)
        logger.info("Finished WARC file %s", final)
        if self._on_file_closed is not None:
            self._on_file_closed(final)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- records ---------------------------------------------------------------------

    def _warcio(self, out: IO[bytes]) -> Any:
        return WARCWriter(out, gzip=True, warc_version=WARC_VERSION)

    def _response_headers(
        self, kind: str, capture: HttpCapture, record_id: str, date: str
    ) -> list[tuple[str, str]]:
        headers = [
            ("WARC-Type", kind),
            ("WARC-Record-ID", record_id),
            ("WARC-Date", date),
            ("WARC-Target-URI", capture.url),
        ]
        if capture.ip_address:
            headers.append(("WARC-IP-Address", capture.ip_address))
        if capture.protocol in WARC_PROTOCOL_VALUES:
            headers.append(("WARC-Protocol", capture.protocol))
        return headers

    def _response_record(self, capture: HttpCapture, record_id: str, date: str) -> Any:
        headers = self._response_headers("response", capture, record_id, date)
        return self._http_record(capture.url, headers, response_http_headers(capture), capture.body)

    def _revisit_record(
        self, capture: HttpCapture, revisit: Revisit, record_id: str, date: str
    ) -> Any:
        """The HTTP headers of `capture`, no payload; WARC-Payload-Digest is the
        original's (warcio would otherwise digest the empty block)."""
        headers = self._response_headers("revisit", capture, record_id, date)
        headers += [
            ("WARC-Profile", revisit.profile),
            ("WARC-Refers-To", revisit.record_id),
            ("WARC-Refers-To-Target-URI", revisit.target_uri),
            ("WARC-Refers-To-Date", revisit.date),
            ("WARC-Truncated", TRUNCATED_LENGTH),
        ]
        if revisit.payload_digest:
            headers.append(("WARC-Payload-Digest", revisit.payload_digest))
        return self._http_record(capture.url, headers, response_http_headers(capture), b"")

    def _request_record(
        self, capture: HttpCapture, record_id: str, response_id: str, date: str
    ) -> Any:
        headers = [
            ("WARC-Type", "request"),
            ("WARC-Record-ID", record_id),
            ("WARC-Date", date),
            ("WARC-Target-URI", capture.url),
            ("WARC-Concurrent-To", response_id),
        ]
        http = request_http_headers(capture)
        return self._http_record(capture.url, headers, http, capture.request_body)

    def _http_record(
        self, uri: str, headers: list[tuple[str, str]], http: StatusAndHeaders, body: bytes
    ) -> Any:
        """A request or response record; the type is headers' WARC-Type (the first one)."""
        warc_headers = StatusAndHeaders("", headers, protocol=WARC_PROTOCOL_LINE)
        return self._warcio(BytesIO()).create_warc_record(
            uri,
            headers[0][1],
            payload=BytesIO(body),
            length=len(body),
            warc_headers=warc_headers,
            http_headers=http,
        )

    def _fields_record(
        self, kind: str, headers: list[tuple[str, str]], fields: Iterable[tuple[str, str]]
    ) -> Any:
        block = warc_fields(fields)
        warc_headers = StatusAndHeaders("", headers, protocol=WARC_PROTOCOL_LINE)
        return self._warcio(BytesIO()).create_warc_record(
            "",
            kind,
            payload=BytesIO(block),
            length=len(block),
            warc_headers=warc_headers,
            warc_content_type=WARCINFO_CONTENT_TYPE,
        )

    def _warcinfo_record(self, name: str, moment: datetime) -> Any:
        headers = [
            ("WARC-Type", "warcinfo"),
            ("WARC-Record-ID", self._make_record_id()),
            ("WARC-Date", warc_date(moment)),
            ("WARC-Filename", name),
        ]
        fields = {
            "software": SOFTWARE,
            "format": WARCINFO_FORMAT,
            "conformsTo": WARCINFO_CONFORMS_TO,
            "hostname": self._hostname,
            **self._warcinfo,
        }
        return self._fields_record("warcinfo", headers, [*fields.items(), *FIDELITY_NOTES])

    # -- files -----------------------------------------------------------------------

    def _append(self, records: Sequence[Any]) -> list[WarcLocation]:
        """Serialise `records` to a spool, then append them to the current file (rotating
        first if they would push it past max_size) and flush."""
        with tempfile.SpooledTemporaryFile(max_size=SPOOL_MAX_BYTES) as spool:
            spans = self._serialise(records, spool)
            size = spool.tell()
            spool.seek(0)
            fh = self._file_for(size)
            base = fh.tell()
            try:
                shutil.copyfileobj(spool, fh)
                fh.flush()
            except OSError:
                self._truncate(fh, base)
                raise
        self._file_has_records = True
        self.records_written += len(records)
        self.bytes_written += size
        return [
            WarcLocation(self._name, base + s.offset, s.length, s.record_id, s.payload_digest)
            for s in spans
        ]

    def _serialise(self, records: Sequence[Any], out: IO[bytes]) -> list[_Span]:
        writer = self._warcio(out)
        spans = []
        for record in records:
            start = out.tell()
            writer.write_record(record)
            rec_headers = record.rec_headers
            spans.append(
                _Span(
                    offset=start,
                    length=out.tell() - start,
                    record_id=rec_headers.get_header("WARC-Record-ID"),
                    payload_digest=rec_headers.get_header("WARC-Payload-Digest"),
                )
            )
        return spans

    def _file_for(self, size: int) -> IO[bytes]:
        """The file to append `size` bytes to: rotate when they would not fit."""
        fh = self._fh
        if fh is not None and self._file_has_records and fh.tell() + size > self._max_size:
            self.close()
        if self._fh is None:
            self._open_next()
        assert self._fh is not None
        return self._fh

    def _open_next(self) -> None:
        moment = self._clock()
        self._directory.mkdir(parents=True, exist_ok=True)
        name = self._next_free_name(moment)
        fh = (self._directory / (name + OPEN_SUFFIX)).open("xb")
        try:
            self._warcio(fh).write_record(self._warcinfo_record(name, moment))
            fh.flush()
        except OSError:
            fh.close()
            raise
        self._fh, self._name, self._file_has_records = fh, name, False
        self.records_written += 1
        self.bytes_written += fh.tell()
        logger.info("Writing WARC file %s%s", self._directory / name, OPEN_SUFFIX)

    def _next_free_name(self, moment: datetime) -> str:
        """The next serial whose final and `.open` names are both unused."""
        stamp = moment.astimezone(UTC).strftime(FILE_TIMESTAMP_FORMAT)
        host = safe_name_part(self._hostname)
        while True:
            name = f"{self._prefix}-{stamp}-{self._serial:05d}-{host}-{self._pid}{FILE_SUFFIX}"
            self._serial += 1
            taken = (self._directory / name).exists()
            if not taken and not (self._directory / (name + OPEN_SUFFIX)).exists():
                return name

    @staticmethod
    def _truncate(fh: IO[bytes], size: int) -> None:
        """Drop a partly written capture so the file stays a valid WARC."""
        try:
            fh.seek(size)
            fh.truncate()
        except OSError:
            logger.exception("Could not truncate a failed WARC write back to %d bytes", size)
