"""What an export did: rows read and written, drops by reason, duplicate clusters.

Every non-blank input line is read once and then either written or dropped for exactly
one reason, so `rows_read == rows_written + sum(dropped.values())`.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

# Drop reasons (keys of ExportReport.dropped). Filters add "filter:<name>".
BAD_JSON = "bad_json"  # not JSON, or not a JSON object
BAD_RECORD = "bad_record"  # a required field is missing or has the wrong type
OLD_VERSION = "old_version"  # a newer capture of the same URL was kept
DUPLICATE_TEXT = "duplicate_text"  # same text digest as a kept article
NEAR_DUPLICATE = "near_duplicate"  # MinHash similarity above the threshold

# How many bad lines the summary quotes (all are logged).
MAX_PROBLEMS = 10

# Seconds between progress lines on a long export.
PROGRESS_SECONDS = 5.0


@dataclass(slots=True)
class ExportReport:
    rows_read: int = 0
    rows_written: int = 0
    dropped: Counter[str] = field(default_factory=Counter)
    clusters: int = 0  # duplicate clusters (exact and near) of more than one article
    problems: list[str] = field(default_factory=list)  # the first bad lines, file:line: why
    outputs: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    def bad_line(self, reason: str, where: str) -> None:
        self.dropped[reason] += 1
        logger.warning("Skipped input line %s", where)
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(where)

    @property
    def bad_lines(self) -> int:
        return self.dropped[BAD_JSON] + self.dropped[BAD_RECORD]

    def summary(self) -> str:
        rate = self.rows_read / self.seconds if self.seconds > 0 else 0.0
        drops = ", ".join(f"{k}: {v}" for k, v in sorted(self.dropped.items()) if v) or "none"
        lines = [
            f"Read {self.rows_read} rows, wrote {self.rows_written} in {self.seconds:.1f} s "
            f"({rate:,.0f} rows/s)",
            f"  dropped: {drops}",
            f"  duplicate clusters: {self.clusters}",
        ]
        lines += [f"  output: {path}" for path in self.outputs]
        lines += [f"  skipped: {problem}" for problem in self.problems]
        return "\n".join(lines)


class Progress:
    """Logs a progress line (rows so far, rows/s) at most every PROGRESS_SECONDS."""

    def __init__(self, stage: str, clock: Callable[[], float] = time.monotonic) -> None:
        self._stage = stage
        self._clock = clock
        self._start = self._last = clock()
        self.rows = 0

    def tick(self) -> None:
        self.rows += 1
        now = self._clock()
        if now - self._last >= PROGRESS_SECONDS:
            self._last = now
            rate = self.rows / max(now - self._start, 1e-9)
            logger.info("%s: %d rows (%.0f rows/s)", self._stage, self.rows, rate)
