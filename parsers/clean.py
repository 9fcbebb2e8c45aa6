"""Cleaning text that was already extracted, line by line (`archivist clean`).

FIRST VERSION (placeholder until the line filter lands).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from parsers.article import Removed


@dataclass(slots=True)
class CleanResult:
    text: str
    removed: list[Removed] = field(default_factory=list)


def clean_text(text: str) -> CleanResult:
    return CleanResult(text=text.strip())
