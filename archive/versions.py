"""Article versions: is a fetched article new, updated or unchanged?

The same decision serves the live crawl (previous versions from the state store) and
reparse (previous versions from the records it has already read), so both write the same
lines: an unchanged article writes no line; a changed one writes a line with `version`
(1 for the first) and `changed_fields`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

# Record fields whose change makes a new version. Fetch facts (fetched_at, warc, ...)
# change on every fetch and are not part of the article.
VERSIONED_FIELDS = (
    "title",
    "authors",
    "published",
    "modified",
    "language",
    "section",
    "tags",
    "description",
    "canonical_url",
    "text",
    "images",
    "source",
    "editor",
)


class Change(StrEnum):
    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class Previous:
    version: int
    field_digests: dict[str, str]


@dataclass(frozen=True, slots=True)
class Decision:
    change: Change
    version: int
    changed_fields: list[str] = field(default_factory=list)


def field_digests(record: dict[str, Any]) -> dict[str, str]:
    """A short digest of each versioned field's JSON value."""
    return {
        name: hashlib.sha1(
            json.dumps(record.get(name), ensure_ascii=False, sort_keys=True).encode()
        ).hexdigest()[:16]
        for name in VERSIONED_FIELDS
    }


def decide(previous: Previous | None, record: dict[str, Any]) -> Decision:
    if previous is None:
        return Decision(Change.NEW, 1)
    now = field_digests(record)
    changed = [name for name in VERSIONED_FIELDS if previous.field_digests.get(name) != now[name]]
    if not changed:
        return Decision(Change.UNCHANGED, previous.version)
    return Decision(Change.UPDATED, previous.version + 1, changed)


def committed_fields(record: dict[str, Any]) -> dict[str, Any]:
    """The state-store columns that remember a written version of `record`."""
    return {
        "text_digest": record.get("text_digest"),
        "version": record["version"],
        "field_digests": json.dumps(field_digests(record), sort_keys=True),
    }


def stamp(record: dict[str, Any], decision: Decision) -> dict[str, Any]:
    """Add `version` and `changed_fields` to a record that will be written."""
    record["version"] = decision.version
    record["changed_fields"] = decision.changed_fields
    return record


class SeenVersions:
    """Previous versions kept in memory, for reparse over a run of archives."""

    def __init__(self) -> None:
        self._seen: dict[str, Previous] = {}

    def decide(self, record: dict[str, Any]) -> Decision:
        url = str(record["url"])
        decision = decide(self._seen.get(url), record)
        if decision.change is not Change.UNCHANGED:
            self._seen[url] = Previous(decision.version, field_digests(record))
        return decision

    def previous(self, url: str) -> Previous | None:
        """The latest version kept for `url` (a resumable reparse journals it)."""
        return self._seen.get(url)

    def remember(self, url: str, previous: Previous) -> None:
        """Restore a version decided earlier (a resumed reparse replays its journal)."""
        self._seen[url] = previous
