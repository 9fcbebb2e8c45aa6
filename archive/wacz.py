"""Package a crawl as WACZ 1.1.1 (https://specs.webrecorder.net/wacz/1.1.1/).

The zip holds, uncompressed (WARC files are gzip already, and replay tools seek in them):

    archive/*.warc.gz          the crawl's finished WARC files
    indexes/index.cdxj         the merged CDXJ index (archive.index)
    pages/pages.jsonl          one page per article record: id, url, ts, title
    datapackage.json           every file above with its sha256 and size
    datapackage-digest.json    the sha256 of datapackage.json

Files are streamed into the zip; nothing holds a WARC in memory.
"""

from __future__ import annotations

import hashlib
import json
import logging
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from archive.index import merge_indexes, write_file_index
from archive.layout import CrawlLayout
from archive.reader import expand_warc_paths
from archive.warc import SOFTWARE

logger = logging.getLogger(__name__)

WACZ_VERSION = "1.1.1"
PAGES_HEADER = {"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}
PAGES_PATH = "pages/pages.jsonl"
INDEX_PATH = "indexes/index.cdxj"
DATAPACKAGE = "datapackage.json"
DATAPACKAGE_DIGEST = "datapackage-digest.json"
_COPY_CHUNK = 1024 * 1024


class WaczError(ValueError):
    """The folder is not a crawl that can be packaged (no finished WARC files)."""


def pages(articles: Path) -> Iterator[dict[str, Any]]:
    """The pages.jsonl entries of an articles.jsonl file (bad lines are skipped)."""
    if not articles.exists():
        return
    with articles.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            try:
                record = json.loads(line)
                yield {
                    "id": str((record.get("warc") or {}).get("record_id") or number),
                    "url": record["url"],
                    "ts": record["fetched_at"],
                    "title": record.get("title") or record["url"],
                }
            except (ValueError, KeyError, TypeError, AttributeError):
                logger.warning("Skipping line %d of %s: not an article record", number, articles)


def ensure_index(layout: CrawlLayout) -> Path:
    """The crawl's merged index, (re)built from its WARC files when any is newer."""
    warcs = expand_warc_paths([layout.warc_dir])
    if not warcs:
        raise WaczError(f"no finished WARC files in {layout.warc_dir}")
    newest = max(path.stat().st_mtime for path in warcs)
    if not layout.index.exists() or layout.index.stat().st_mtime < newest:
        indexes = [write_file_index(path, layout.index_dir) for path in warcs]
        merge_indexes(indexes, layout.index)
    return layout.index


def write_wacz(crawl_dir: Path, target: Path) -> Path:
    """Package the crawl at `crawl_dir` (OUT/<site>/<crawl-id>) into `target`."""
    layout = CrawlLayout(crawl_dir)
    index = ensure_index(layout)
    warcs = expand_warc_paths([layout.warc_dir])
    resources: list[dict[str, Any]] = []
    temporary = target.with_name(target.name + ".tmp")
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_STORED) as wacz:
        for path in warcs:
            resources.append(_add_file(wacz, path, f"archive/{path.name}"))
        resources.append(_add_file(wacz, index, INDEX_PATH))
        page_lines = [json.dumps(PAGES_HEADER)]
        page_lines += [json.dumps(page, ensure_ascii=False) for page in pages(layout.articles)]
        resources.append(_add_bytes(wacz, ("\n".join(page_lines) + "\n").encode(), PAGES_PATH))
        package = json.dumps(_datapackage(crawl_dir, resources), indent=2).encode()
        wacz.writestr(DATAPACKAGE, package)
        digest = {"path": DATAPACKAGE, "hash": "sha256:" + hashlib.sha256(package).hexdigest()}
        wacz.writestr(DATAPACKAGE_DIGEST, json.dumps(digest, indent=2))
    temporary.replace(target)
    logger.info("Wrote %s: %d WARC file(s), %d pages", target, len(warcs), len(page_lines) - 1)
    return target


def _datapackage(crawl_dir: Path, resources: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "profile": "data-package",
        "wacz_version": WACZ_VERSION,
        "title": f"{crawl_dir.parent.name} {crawl_dir.name}",
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "software": SOFTWARE,
        "resources": resources,
    }


def _resource(name: str, sha256: str, size: int) -> dict[str, Any]:
    return {"name": Path(name).name, "path": name, "hash": f"sha256:{sha256}", "bytes": size}


def _add_file(wacz: zipfile.ZipFile, source: Path, name: str) -> dict[str, Any]:
    digest = hashlib.sha256()
    size = 0
    with source.open("rb") as src, wacz.open(name, "w", force_zip64=True) as dst:
        while chunk := src.read(_COPY_CHUNK):
            digest.update(chunk)
            dst.write(chunk)
            size += len(chunk)
    return _resource(name, digest.hexdigest(), size)


def _add_bytes(wacz: zipfile.ZipFile, data: bytes, name: str) -> dict[str, Any]:
    wacz.writestr(name, data)
    return _resource(name, hashlib.sha256(data).hexdigest(), len(data))
