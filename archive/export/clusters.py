"""The duplicate cluster report: one JSON line per cluster of more than one article.

    {"kind": "exact" | "near",
     "kept": {"url", "crawl_site", "crawl_id", "fetched_at", "words", "text_digest"},
     "dropped": [ the same facts for each dropped article ]}

The facts are gathered during the writing pass, for cluster members only, so the report
costs memory in proportion to the duplicates, not to the input.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from archive.export.filters import word_count
from archive.export.select import Cluster, Lines


class ClusterLog:
    """Cluster members are named by table position; `line_of` maps them to line indexes."""

    def __init__(self, clusters: Sequence[Cluster], line_of: Lines) -> None:
        self._clusters = clusters
        self._line_of = line_of
        self._members = {int(line_of[p]) for c in clusters for p in (c.kept, *c.dropped)}
        self.lines: Lines = np.array(sorted(self._members), dtype=np.int64)
        self._facts: dict[int, dict[str, Any]] = {}

    def note(self, line: int, record: dict[str, Any], site: str) -> None:
        """Keep the facts of the record read at line index `line` if it is a member."""
        if line in self._members:
            self._facts[line] = {
                "url": record["url"],
                "crawl_site": site,
                "crawl_id": record.get("crawl_id"),
                "fetched_at": record["fetched_at"],
                "words": word_count(str(record.get("text") or "")),
                "text_digest": record.get("text_digest"),
            }

    def write(self, path: Path) -> None:
        with path.open("w", encoding="utf-8") as stream:
            for cluster in self._clusters:
                line = {
                    "kind": str(cluster.kind),
                    "kept": self._fact(cluster.kept),
                    "dropped": [self._fact(p) for p in cluster.dropped],
                }
                stream.write(json.dumps(line, ensure_ascii=False) + "\n")

    def _fact(self, position: int) -> dict[str, Any] | None:
        return self._facts.get(int(self._line_of[position]))
