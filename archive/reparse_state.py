"""What a reparse decides in order, and what it keeps to resume after being killed.

`Decisions` makes the ordered decisions of the live crawl (rejection, per-crawl dedup,
versions) and, when given a journal, appends one line per article that changed that
state. A checkpoint (`OUT.jsonl.checkpoint`, JSON, replaced atomically) records the
position of the last response handled, the byte lengths of the output and of the journal
at that moment, and the counters. To resume, both files are cut back to those lengths,
the journal is replayed into a fresh `Decisions`, and reading goes on after the position:
the final output is byte for byte the one of an uninterrupted run.

The journal grows by one short line per article kept (~400 bytes), so a checkpoint costs
the same however long the run; the state itself is rebuilt only on resume.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from archive.dedup import SeenArticles
from archive.records import rejection
from archive.versions import Change, Previous, SeenVersions, stamp

CHECKPOINT_SUFFIX = ".checkpoint"
JOURNAL_SUFFIX = ".journal"


@dataclass(slots=True)
class ReparseReport:
    files_read: int = 0
    responses: int = 0
    articles_written: int = 0
    skipped: Counter[str] = field(default_factory=Counter)  # not article pages, duplicates
    errors: Counter[str] = field(default_factory=Counter)  # rejections, failures, bad WARCs
    seconds: float = 0.0

    def summary(self) -> str:
        errors = ", ".join(f"{k}: {v}" for k, v in sorted(self.errors.items())) or "none"
        skipped = ", ".join(f"{k}: {v}" for k, v in sorted(self.skipped.items())) or "none"
        rate = self.responses / self.seconds if self.seconds else 0.0
        return (
            f"Reparsed {self.files_read} WARC file(s) in {self.seconds:.1f} s: "
            f"{self.responses} responses ({rate:.0f}/s), {self.articles_written} articles "
            f"written\n  errors: {errors}; skipped: {skipped}"
        )

    def counts(self) -> dict[str, Any]:
        return {
            "responses": self.responses,
            "articles_written": self.articles_written,
            "skipped": dict(self.skipped),
            "errors": dict(self.errors),
        }

    def restore(self, counts: dict[str, Any]) -> None:
        self.responses = int(counts["responses"])
        self.articles_written = int(counts["articles_written"])
        self.skipped = Counter(counts["skipped"])
        self.errors = Counter(counts["errors"])


class Decisions:
    """Rejection, then dedup within the record's crawl, then versions across crawls."""

    def __init__(self, journal: IO[bytes] | None = None) -> None:
        self._seen: dict[str | None, SeenArticles] = {}
        self._versions = SeenVersions()
        self._journal = journal

    def decide(self, record: dict[str, Any]) -> tuple[str, dict[str, Any] | None]:
        """("write", the stamped record) or (the reason it is not written, None)."""
        seen = self._seen.setdefault(record.get("crawl_id"), SeenArticles())
        problem = rejection(record) or seen.duplicate_reason(record)
        if problem:
            return problem, None
        decision = self._versions.decide(record)
        self._log(record, self._versions.previous(str(record["url"])))
        if decision.change is Change.UNCHANGED:
            return "unchanged", None
        return "write", stamp(record, decision)

    def replay(self, lines: IO[bytes]) -> None:
        """Rebuild the state from a journal written by `decide`."""
        for line in lines:
            entry = json.loads(line)
            seen = self._seen.setdefault(entry["crawl_id"], SeenArticles())
            seen.duplicate_reason(entry)
            self._versions.remember(
                entry["url"], Previous(entry["version"], entry["field_digests"])
            )

    def _log(self, record: dict[str, Any], previous: Previous | None) -> None:
        if self._journal is None or previous is None:
            return
        entry = {
            "crawl_id": record.get("crawl_id"),
            "url": record["url"],
            "canonical_url": record.get("canonical_url"),
            "text_digest": record.get("text_digest"),
            "version": previous.version,
            "field_digests": previous.field_digests,
        }
        self._journal.write(json.dumps(entry, separators=(",", ":")).encode() + b"\n")


@dataclass(frozen=True, slots=True)
class Checkpoint:
    fingerprint: str  # of the inputs, query and parser: a resume must match it
    position: tuple[int, int]  # (file number, offset) of the last response handled
    output_bytes: int
    journal_bytes: int
    counts: dict[str, Any]

    @staticmethod
    def path_for(output: Path) -> Path:
        return output.with_name(output.name + CHECKPOINT_SUFFIX)

    @staticmethod
    def journal_for(output: Path) -> Path:
        return output.with_name(output.name + JOURNAL_SUFFIX)

    def save(self, path: Path) -> None:
        """Write atomically: a kill leaves the old checkpoint or the new one."""
        temporary = path.with_name(path.name + ".tmp")
        with temporary.open("w", encoding="utf-8") as out:
            json.dump(asdict(self), out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)

    @classmethod
    def load(cls, path: Path) -> Checkpoint | None:
        if not path.is_file():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        data["position"] = tuple(data["position"])
        return cls(**data)


def fingerprint(parts: dict[str, Any]) -> str:
    """A short digest of the JSON of what a run's output depends on."""
    text = json.dumps(parts, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
