"""Finish the WARC files a crash left behind: `<name>.warc.gz.open` -> `<name>.warc.gz`.

The writer (archive.warc) appends whole captures and flushes, so after a kill -9 an
`.open` file holds whole records and at most one torn record at its end. `finalize_file`
finds the end of the last whole record, cuts the rest off, and renames the file to the
final name its records' WarcLocations already use; nothing written before the crash is
lost. An `.open` file without even a whole warcinfo record is removed.

`stale_open_files` names the `.open` files of writers that are gone (their pid, the last
part of the name, is not running on this host), which a new crawl finalizes first.
"""

from __future__ import annotations

import logging
import os
import socket
import zlib
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from archive.warc import FILE_SUFFIX, OPEN_SUFFIX, safe_name_part

logger = logging.getLogger(__name__)

# What reading a torn record may raise (see archive.reader).
_TORN = (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error)


@dataclass(frozen=True, slots=True)
class Finalized:
    path: Path | None  # the finished file; None when nothing whole was left
    records: int  # whole records kept
    dropped_bytes: int  # of the torn record at the end


def whole_records_end(path: Path) -> tuple[int, int]:
    """(records, end offset) of the whole records at the start of `path`."""
    count = end = 0
    with path.open("rb") as fh:
        records = ArchiveIterator(fh)
        try:
            for record in records:
                records.read_to_end()
                if record.length is None or int(getattr(record.raw_stream, "limit", 0)) > 0:
                    break  # the file ended inside this record
                count += 1
                end = records.get_record_offset() + records.get_record_length()
        except _TORN as exc:
            logger.info("%s: torn record after offset %d (%s)", path, end, exc)
    return count, end


def finalize_file(path: Path) -> Finalized:
    """Cut a torn last record off an `.open` file and give it its final name."""
    if not path.name.endswith(FILE_SUFFIX + OPEN_SUFFIX):
        raise ValueError(f"{path} is not an open WARC file (*{FILE_SUFFIX}{OPEN_SUFFIX})")
    size = path.stat().st_size
    records, end = whole_records_end(path)
    if records == 0:
        path.unlink()
        logger.warning("Removed %s: no whole record in its %d bytes", path, size)
        return Finalized(None, 0, size)
    if end < size:
        with path.open("r+b") as fh:
            fh.truncate(end)
            os.fsync(fh.fileno())
    final = path.with_name(path.name.removesuffix(OPEN_SUFFIX))
    path.rename(final)
    logger.info("Finalized %s: %d records, %d torn bytes dropped", final, records, size - end)
    return Finalized(final, records, size - end)


def _pid_of(path: Path) -> int | None:
    stem = path.name.removesuffix(FILE_SUFFIX + OPEN_SUFFIX)
    last = stem.rsplit("-", 1)[-1]
    return int(last) if last.isdigit() else None


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def stale_open_files(directory: Path, hostname: str | None = None) -> list[Path]:
    """`.open` files in `directory` written on this host by processes no longer running."""
    host = safe_name_part(hostname or socket.gethostname())
    stale = []
    for path in sorted(directory.glob(f"*{FILE_SUFFIX}{OPEN_SUFFIX}")):
        pid = _pid_of(path)
        if pid is not None and f"-{host}-{pid}{FILE_SUFFIX}" in path.name and not _running(pid):
            stale.append(path)
    return stale
