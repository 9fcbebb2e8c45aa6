"""Which records an export writes: the newest version of each URL, then one per duplicate
cluster.

The first pass of an export records, for each row that passed the filters, five numbers
in a `KeyTable`: its input line index, a 64-bit hash of its URL key (`canonical_url`,
else `url`), a 64-bit hash of its text digest, its capture time and (only for `--keep
longest`) its word count. That is 36 bytes a row, in flat arrays: memory never grows
with the text. Here a row is named by its position in the table; the later passes name
it by its line index (`Columns.line`).

Order of decisions:

1. versions: rows with the same URL key are versions; the one captured last wins, ties
   going to the later position (unless all versions are kept);
2. exact duplicates: among the winners, rows with the same text digest form a cluster;
3. near duplicates (neardup.py): among what is left, clusters of similar texts.

In a cluster the kept row is the newest (capture time) or the longest (word count,
then capture time); ties go to the later position.

64-bit hashes can collide: with ten million distinct keys, the odds that any two do are
about 3 in a million.
"""

from __future__ import annotations

import hashlib
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np
import numpy.typing as npt

from archive.capture import parse_warc_date
from archive.export.filters import word_count
from archive.export.report import DUPLICATE_TEXT, NEAR_DUPLICATE, OLD_VERSION

Positions = npt.NDArray[np.int64]  # rows of a KeyTable
Lines = npt.NDArray[np.int64]  # input line indexes (inputs.RawLine.index)


class Keep(StrEnum):
    NEWEST = "newest"
    LONGEST = "longest"


class ClusterKind(StrEnum):
    EXACT = "exact"
    NEAR = "near"


_DROP_REASON = {ClusterKind.EXACT: DUPLICATE_TEXT, ClusterKind.NEAR: NEAR_DUPLICATE}


@dataclass(frozen=True, slots=True)
class Dedup:
    all_versions: bool = False  # keep every capture of a URL, not only the newest
    exact: bool = False  # drop rows whose text digest equals a kept row's
    near: bool = False  # drop rows similar to a kept row (MinHash LSH)
    near_threshold: float = 0.8  # estimated Jaccard similarity of word 5-grams
    keep: Keep = Keep.NEWEST  # which row of a duplicate cluster is kept

    @property
    def needs_selection(self) -> bool:
        """False when every row that passes the filters is written (one pass is enough)."""
        return not self.all_versions or self.exact or self.near


def _hash64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


class KeyTable:
    """The per-row facts selection needs, appended in position order (36 bytes a row)."""

    def __init__(self, with_words: bool) -> None:
        self._with_words = with_words
        self._line = array("q")
        self._url = array("Q")
        self._digest = array("Q")
        self._fetched = array("q")
        self._words = array("i")

    def __len__(self) -> int:
        return len(self._url)

    def add(self, record: dict[str, Any], line: int) -> None:
        self._line.append(line)
        self._url.append(_hash64(str(record.get("canonical_url") or record["url"])))
        digest = record.get("text_digest")
        text = str(record.get("text") or "")
        self._digest.append(_hash64(str(digest)) if digest else _hash64(text) if text else 0)
        moment = parse_warc_date(record["fetched_at"])
        self._fetched.append(int(moment.timestamp() * 1_000_000))
        self._words.append(word_count(text) if self._with_words else 0)

    def arrays(self) -> Columns:
        return Columns(
            line=np.frombuffer(self._line, dtype=np.int64),
            url=np.frombuffer(self._url, dtype=np.uint64),
            digest=np.frombuffer(self._digest, dtype=np.uint64),
            fetched=np.frombuffer(self._fetched, dtype=np.int64),
            words=np.frombuffer(self._words, dtype=np.int32),
        )


@dataclass(frozen=True, slots=True)
class Columns:
    line: Lines
    url: npt.NDArray[np.uint64]
    digest: npt.NDArray[np.uint64]
    fetched: npt.NDArray[np.int64]
    words: npt.NDArray[np.int32]


@dataclass(frozen=True, slots=True)
class Cluster:
    kind: ClusterKind
    kept: int  # position
    dropped: tuple[int, ...]  # positions


@dataclass(slots=True)
class Selection:
    keep: npt.NDArray[np.bool_]  # by position
    dropped: Counter[str] = field(default_factory=Counter)
    clusters: list[Cluster] = field(default_factory=list)

    def apply(self, clusters: Sequence[Cluster]) -> None:
        for cluster in clusters:
            self.keep[list(cluster.dropped)] = False
            self.dropped[_DROP_REASON[cluster.kind]] += len(cluster.dropped)
        self.clusters.extend(clusters)


def select(columns: Columns, dedup: Dedup) -> Selection:
    """Steps 1 and 2 of the module docstring; near duplicates are applied afterwards."""
    selection = Selection(keep=np.ones(len(columns.url), dtype=np.bool_))
    if not dedup.all_versions:
        selection.keep = _newest_per_url(columns)
        old = int(len(columns.url) - selection.keep.sum())
        if old:
            selection.dropped[OLD_VERSION] = old
    if dedup.exact:
        candidates = np.flatnonzero(selection.keep & (columns.digest != 0))
        groups = _groups_by(columns.digest[candidates], candidates)
        selection.apply(resolve(groups, columns, dedup.keep, ClusterKind.EXACT))
    return selection


def _newest_per_url(columns: Columns) -> npt.NDArray[np.bool_]:
    keys = columns.url
    positions = np.arange(len(keys))
    order = np.lexsort((positions, columns.fetched, keys))  # the winner sorts last
    ordered = keys[order]
    last = np.ones(len(order), dtype=np.bool_)
    last[:-1] = ordered[1:] != ordered[:-1]
    keep = np.zeros(len(keys), dtype=np.bool_)
    keep[order[last]] = True
    return keep


def _groups_by(values: npt.NDArray[np.uint64], positions: Positions) -> list[Positions]:
    """Positions sharing a value, for the values held by more than one position."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    sizes = np.diff(np.r_[starts, len(ordered)])
    shared = sizes > 1
    return [
        positions[order[start : start + size]]
        for start, size in zip(starts[shared], sizes[shared], strict=True)
    ]


def resolve(
    groups: Sequence[Positions], columns: Columns, keep: Keep, kind: ClusterKind
) -> list[Cluster]:
    """One Cluster per group of duplicate positions, with the kept row chosen by `keep`."""
    clusters = []
    for group in groups:
        members = np.sort(group)
        keys: tuple[Any, ...] = (members, columns.fetched[members])
        if keep is Keep.LONGEST:
            keys = (*keys, columns.words[members])
        winner = int(members[np.lexsort(keys)[-1]])
        dropped = tuple(int(p) for p in members if p != winner)
        clusters.append(Cluster(kind, winner, dropped))
    return clusters
