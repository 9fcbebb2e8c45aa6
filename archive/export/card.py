"""The README.md dataset card of a Hugging Face datasets folder.

Its YAML front matter follows the Hub's dataset card format: `configs` maps the `train`
split to `data/train-*`; `dataset_info.features` lists every column with its dtype,
derived from the Arrow schema by the rules of `datasets.Features` (`dtype` for a
primitive, `list` for a list, `struct` for a struct); `splits` gives the row count.
The text states the sources, crawl dates, counts, languages and a licence note.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pyarrow as pa
import yaml

from archive.export.columns import COLUMNS

SPLIT = "train"
DATA_GLOB = f"data/{SPLIT}-*"

# Crawl IDs listed by name in the card; more are counted.
MAX_LISTED_CRAWLS = 20

LICENCE_NOTE = (
    "The articles are the work of their publishers and authors, who keep their rights. "
    "This dataset was made by crawling the sources listed above and carries no licence to "
    "their content: check each source's terms before you share or train on it. The dataset "
    "card itself and the export's structure are Apache-2.0 (the Archivist licence)."
)


@dataclass(slots=True)
class CardStats:
    """Facts about the written rows, gathered as they stream past."""

    rows: int = 0
    sites: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    crawls: set[str] = field(default_factory=set)
    first_fetch: datetime | None = None
    last_fetch: datetime | None = None

    def observe(self, row: dict[str, Any]) -> None:
        self.rows += 1
        self.sites[str(row["crawl_site"])] += 1
        self.languages[str(row.get("language") or "unknown")] += 1
        if row.get("crawl_id"):
            self.crawls.add(str(row["crawl_id"]))
        fetched: datetime = row["fetched_at"]
        if self.first_fetch is None or fetched < self.first_fetch:
            self.first_fetch = fetched
        if self.last_fetch is None or fetched > self.last_fetch:
            self.last_fetch = fetched


@dataclass(frozen=True, slots=True)
class Sizes:
    shards: int
    num_bytes: int  # Arrow (uncompressed) size of the rows
    download_size: int  # size of the Parquet shards on disk


def features(schema: pa.Schema) -> list[dict[str, Any]]:
    """`dataset_info.features`: one entry per column, in schema order."""
    return [{"name": f.name, **_feature(f.type)} for f in schema]


def _feature(arrow_type: pa.DataType) -> dict[str, Any]:
    if pa.types.is_list(arrow_type):
        return {"list": _inner(arrow_type.value_type)}
    if pa.types.is_struct(arrow_type):
        return {"struct": [{"name": f.name, **_feature(f.type)} for f in arrow_type]}
    return {"dtype": str(arrow_type)}


def _inner(arrow_type: pa.DataType) -> Any:
    """A list's item: a dtype name, a list of named fields (struct), or a nested list."""
    if pa.types.is_struct(arrow_type):
        return [{"name": f.name, **_feature(f.type)} for f in arrow_type]
    if pa.types.is_list(arrow_type):
        return {"list": _inner(arrow_type.value_type)}
    return str(arrow_type)


def render(schema: pa.Schema, stats: CardStats, sizes: Sizes, title: str) -> str:
    header = {
        "pretty_name": title,
        "license": "other",
        "language": sorted(k for k in stats.languages if len(k) == 2),
        "configs": [
            {"config_name": "default", "data_files": [{"split": SPLIT, "path": DATA_GLOB}]}
        ],
        "dataset_info": {
            "features": features(schema),
            "splits": [{"name": SPLIT, "num_bytes": sizes.num_bytes, "num_examples": stats.rows}],
            "download_size": sizes.download_size,
            "dataset_size": sizes.num_bytes,
        },
    }
    front = yaml.safe_dump(header, sort_keys=False, allow_unicode=True)
    return f"---\n{front}---\n\n" + _text(schema, stats, sizes, title)


def _text(schema: pa.Schema, stats: CardStats, sizes: Sizes, title: str) -> str:
    crawls = sorted(stats.crawls)
    listed = ", ".join(crawls[:MAX_LISTED_CRAWLS])
    if len(crawls) > MAX_LISTED_CRAWLS:
        listed += f" and {len(crawls) - MAX_LISTED_CRAWLS} more"
    first = stats.first_fetch.isoformat() if stats.first_fetch else "-"
    last = stats.last_fetch.isoformat() if stats.last_fetch else "-"
    docs = {c.name: c.doc for c in COLUMNS}
    parts = [
        f"# {title}\n",
        "News articles crawled and extracted by Archivist: clean text, metadata, and the "
        "WARC location of every capture (`warc_filename`, `warc_offset`, `warc_record_id`).\n",
        f"- Rows: {stats.rows} in {sizes.shards} Parquet shard(s) under `data/` (split `{SPLIT}`)",
        f"- Crawled between {first} and {last}, in {len(crawls)} crawl(s): {listed or '-'}",
        "\n## Sources\n",
        *[f"- `{site}`: {count} articles" for site, count in stats.sites.most_common()],
        "\n## Languages\n",
        *[f"- `{lang}`: {count}" for lang, count in stats.languages.most_common()],
        "\n## Licence\n",
        LICENCE_NOTE,
        "\n## Columns\n",
        "| column | type | meaning |",
        "|---|---|---|",
        *[f"| `{f.name}` | `{f.type}` | {docs.get(f.name, '')} |" for f in schema],
    ]
    return "\n".join(parts) + "\n"
