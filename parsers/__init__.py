"""Archivist's extraction engine: page bytes + URL -> Article.

Pure functions over lxml trees: no Scrapy, no Twisted, no network, no files.
"""

from __future__ import annotations

from parsers.article import (
    Article,
    Block,
    BlockKind,
    ExtractionStatus,
    Image,
    Licence,
    Removed,
    SiteInfo,
)
from parsers.clean import CleanResult, clean_text
from parsers.extract import extract
from parsers.options import DEFAULT_OPTIONS, ExtractOptions, Favor, SiteRules

# Bumped whenever a change to the engine may change its output; stamped on every record.
PARSER_VERSION = "0.2.0"


__all__ = [
    "DEFAULT_OPTIONS",
    "PARSER_VERSION",
    "Article",
    "Block",
    "BlockKind",
    "CleanResult",
    "ExtractOptions",
    "ExtractionStatus",
    "Favor",
    "Image",
    "Licence",
    "Removed",
    "SiteInfo",
    "SiteRules",
    "clean_text",
    "extract",
]
