"""Where a crawl's files live: OUTPUT_DIR/<site>/<crawl-id>/.

articles.jsonl     one article record per line
crawl.json         the run's report: counts, errors by kind, duration
                   (a cluster worker W writes articles-W.jsonl and crawl-W.json instead)
warc/*.warc.gz     every fetch, as WARC/1.1
indexes/*.cdxj     a sorted CDXJ index of each finished WARC file
index.cdxj         those indexes merged: the crawl's index
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

_SAFE = re.compile(r"[^A-Za-z0-9_.-]+")
STATE_DB_NAME = "state.sqlite"


class OutputError(OSError):
    """The output folder cannot be created or written."""


def safe_name(text: str, *, fallback: str = "site") -> str:
    """A file-name-safe form of a site name or id: no separators, no dot-dot, short."""
    name = _SAFE.sub("-", text).strip("-.")[:64]
    return name or fallback


def site_folder(output_dir: Path, site: str) -> Path:
    """OUTPUT_DIR/<site>: the crawls of one site, its state store and its lock."""
    return output_dir / safe_name(site)


def site_state_db(output_dir: Path, site: str) -> Path:
    """The site's crawl state store, shared by all its crawls."""
    return site_folder(output_dir, site) / STATE_DB_NAME


def new_crawl_id(now: datetime | None = None) -> str:
    """A sortable, UTC crawl id such as 20240420T103000Z."""
    return (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


@dataclass(frozen=True, slots=True)
class CrawlLayout:
    root: Path
    worker: str = ""  # a cluster worker's name: its own articles and report files

    @classmethod
    def create(cls, output_dir: Path, site: str, crawl_id: str) -> CrawlLayout:
        """Make the folders (parents too); an unwritable place is an OutputError."""
        layout = cls(site_folder(output_dir, site) / safe_name(crawl_id, fallback="crawl"))
        try:
            layout.warc_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create the output folder {layout.root}: {exc}") from exc
        if not os.access(layout.root, os.W_OK):
            raise OutputError(f"the output folder {layout.root} is not writable")
        return layout

    @property
    def site_root(self) -> Path:
        """OUTPUT_DIR/<site>: the crawls of one site, and its state."""
        return self.root.parent

    @property
    def state_db(self) -> Path:
        """The site's crawl state store, shared by all its crawls."""
        return self.site_root / STATE_DB_NAME

    @property
    def articles(self) -> Path:
        return self.root / (f"articles-{self.worker}.jsonl" if self.worker else "articles.jsonl")

    @property
    def report(self) -> Path:
        return self.root / (f"crawl-{self.worker}.json" if self.worker else "crawl.json")

    @property
    def warc_dir(self) -> Path:
        return self.root / "warc"

    @property
    def index_dir(self) -> Path:
        return self.root / "indexes"

    @property
    def index(self) -> Path:
        """The crawl's merged CDXJ index (pipelines.warc writes it as MERGED_INDEX_NAME)."""
        return self.root / "index.cdxj"
