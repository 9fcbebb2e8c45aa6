"""What changed between two article datasets (an old reparse or crawl, and a new one).

Articles are matched by `url`; when a file holds several lines of one URL (versions), the
last one counts. The report gives the articles added and removed, how many matched
articles changed, and for each field how many articles it changed in, with a few
examples (URL, old and new excerpt around the first difference).

Memory: the old file is read once into a map of URL -> (line offset, a 64-bit hash of
each field's JSON); the new file is streamed; example excerpts are read back from the
old file by offset. About 1 KB per old article.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

# Examples kept per field and per added/removed list.
EXAMPLES = 3
# Characters of context each side of the first difference in an excerpt.
EXCERPT_CONTEXT = 60


@dataclass(frozen=True, slots=True)
class FieldExample:
    field: str
    url: str
    old: str
    new: str


@dataclass(slots=True)
class Comparison:
    old_articles: int = 0
    new_articles: int = 0
    added: int = 0
    removed: int = 0
    changed: int = 0  # matched articles with at least one changed field
    unchanged: int = 0
    fields: Counter[str] = field(default_factory=Counter)  # field -> articles it changed in
    examples: list[FieldExample] = field(default_factory=list)
    added_examples: list[str] = field(default_factory=list)
    removed_examples: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["fields"] = dict(self.fields.most_common())
        return data

    def summary(self) -> str:
        lines = [
            f"Compared {self.old_articles} old and {self.new_articles} new articles: "
            f"{self.added} added, {self.removed} removed, {self.changed} changed, "
            f"{self.unchanged} unchanged"
        ]
        lines += [f"  added: {url}" for url in self.added_examples]
        lines += [f"  removed: {url}" for url in self.removed_examples]
        for name, count in self.fields.most_common():
            lines.append(f"  {name}: changed in {count}")
            for example in (e for e in self.examples if e.field == name):
                lines.append(
                    f"    {example.url}\n      old: {example.old}\n      new: {example.new}"
                )
        return "\n".join(lines)


def _hash(value: Any) -> int:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True).encode()
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "big")


def _records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(byte offset, record) of each non-empty line."""
    with path.open("rb") as lines:
        offset = 0
        for line in lines:
            if line.strip():
                yield offset, json.loads(line)
            offset += len(line)


def _record_at(path: Path, offset: int) -> dict[str, Any]:
    with path.open("rb") as data:
        data.seek(offset)
        record: dict[str, Any] = json.loads(data.readline())
        return record


def excerpt_pair(old: Any, new: Any) -> tuple[str, str]:
    """Short old and new texts around where the two values' JSON first differ."""
    a = old if isinstance(old, str) else json.dumps(old, ensure_ascii=False, sort_keys=True)
    b = new if isinstance(new, str) else json.dumps(new, ensure_ascii=False, sort_keys=True)
    start = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    begin = max(0, start - EXCERPT_CONTEXT)

    def cut(text: str) -> str:
        piece = text[begin : start + EXCERPT_CONTEXT]
        return ("…" if begin else "") + piece + ("…" if start + EXCERPT_CONTEXT < len(text) else "")

    return cut(a), cut(b)


def _last_lines(path: Path) -> dict[str, int]:
    """URL -> byte offset of its last line."""
    return {str(record["url"]): offset for offset, record in _records(path)}


def _changed_fields(hashes: dict[str, int], record: dict[str, Any]) -> list[str]:
    names = sorted(set(hashes) | set(record))
    return [n for n in names if hashes.get(n) != (_hash(record[n]) if n in record else None)]


def compare(old_path: Path, new_path: Path) -> Comparison:
    """Compare two article JSONL files (module docstring)."""
    old_last = _last_lines(old_path)
    old: dict[str, tuple[int, dict[str, int]]] = {}
    for offset, record in _records(old_path):
        if old_last[str(record["url"])] == offset:
            old[str(record["url"])] = (offset, {k: _hash(v) for k, v in record.items()})
    new_last = _last_lines(new_path)
    result = Comparison(old_articles=len(old), new_articles=len(new_last))
    wanted: list[tuple[str, str, int, Any]] = []  # (field, url, old offset, new value)
    for offset, record in _records(new_path):
        url = str(record["url"])
        if new_last[url] != offset:
            continue
        if url not in old:
            result.added += 1
            if len(result.added_examples) < EXAMPLES:
                result.added_examples.append(url)
            continue
        old_offset, hashes = old[url]
        changed = _changed_fields(hashes, record)
        result.fields.update(changed)
        result.changed += bool(changed)
        result.unchanged += not changed
        wanted += [
            (name, url, old_offset, record.get(name))
            for name in changed
            if result.fields[name] <= EXAMPLES
        ]
    removed = [url for url in old if url not in new_last]
    result.removed = len(removed)
    result.removed_examples = removed[:EXAMPLES]
    for name, url, old_offset, new_value in wanted:
        old_text, new_text = excerpt_pair(_record_at(old_path, old_offset).get(name), new_value)
        result.examples.append(FieldExample(name, url, old_text, new_text))
    return result
